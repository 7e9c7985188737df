package dev.steamcollector.persistence;

import dev.steamcollector.model.RememberedPace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/** The {@code endpoint_pace} table: the pace each endpoint was left at, kept for the next run. */
public final class PaceRepository {

    private final Database database;
    private final String upsertPace;

    PaceRepository(Database database) {
        this.database = database;
        SqlDialect sql = database.dialect();
        this.upsertPace = sql.upsert("""
                INSERT INTO endpoint_pace
                       (endpoint, pace_per_second, limit_per_second, too_fast_per_second, slowed_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)""", "endpoint", Stream.of(
                        "pace_per_second", "limit_per_second", "too_fast_per_second", "slowed_at", "updated_at")
                .map(column -> column + " = " + sql.inserted(column)).toList());
    }

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
        database.execute(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(upsertPace)) {
                for (RememberedPace pace : paces) {
                    upsert.setString(1, pace.endpoint());
                    upsert.setDouble(2, pace.perSecond());
                    upsert.setDouble(3, pace.limitPerSecond());
                    Parameters.setValue(upsert, 4, pace.tooFastPerSecond().isPresent()
                            ? pace.tooFastPerSecond().getAsDouble() : null, Types.DOUBLE);
                    Parameters.setInstant(upsert, 5, pace.slowedAt().orElse(null));
                    Parameters.setInstant(upsert, 6, pace.recordedAt());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }
}
