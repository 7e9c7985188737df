package dev.steamcollector.persistence;

import dev.steamcollector.model.RememberedPace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The {@code endpoint_pace} table: the pace each endpoint was left at, kept for the next run. */
public final class PaceRepository {

    private final Database database;

    PaceRepository(Database database) {
        this.database = database;
    }

    /** Every remembered pace; plain JDBC, as {@code status} reads them without starting Hibernate. */
    public List<RememberedPace> findAll() {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT endpoint, pace_per_second, limit_per_second, too_fast_per_second, slowed_at, updated_at
                      FROM endpoint_pace ORDER BY endpoint
                    """);
                    ResultSet row = query.executeQuery()) {
                List<RememberedPace> paces = new ArrayList<>();
                while (row.next()) {
                    double tooFast = row.getDouble(4);
                    OptionalDouble tooFastPace = row.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(tooFast);
                    Timestamp slowedAt = row.getTimestamp(5);
                    paces.add(new RememberedPace(row.getString(1), row.getDouble(2), row.getDouble(3), tooFastPace,
                            Optional.ofNullable(slowedAt).map(Timestamp::toInstant), row.getTimestamp(6).toInstant()));
                }
                return paces;
            }
        });
    }

    /** Records each endpoint's pace, replacing what was remembered for it. */
    public void save(List<RememberedPace> paces) {
        if (paces.isEmpty()) {
            return;
        }
        database.inTransaction(session -> {
            session.upsertMultiple(paces.stream().map(EndpointPaceEntity::of).toList());
            return null;
        });
    }
}
