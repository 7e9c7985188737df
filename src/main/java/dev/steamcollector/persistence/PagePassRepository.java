package dev.steamcollector.persistence;

import dev.steamcollector.model.PagePass;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code page_passes} table: the checkpoint of a pass over SteamSpy's {@code all} pages. */
public final class PagePassRepository {

    private static final String NAME = "steamspy_all";

    private final Database database;
    private final String upsertPass;

    PagePassRepository(Database database) {
        this.database = database;
        SqlDialect sql = database.dialect();
        this.upsertPass = sql.upsert("""
                INSERT INTO page_passes (name, next_page, started_at, completed_at, updated_at)
                VALUES (?, ?, ?, ?, ?)""", "name", List.of(
                "next_page = " + sql.inserted("next_page"),
                "started_at = " + sql.inserted("started_at"),
                "completed_at = " + sql.inserted("completed_at"),
                "updated_at = " + sql.inserted("updated_at")));
    }

    public Optional<PagePass> find() {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT next_page, started_at, completed_at FROM page_passes WHERE name = ?")) {
                query.setString(1, NAME);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<PagePass>empty();
                    }
                    return Optional.of(new PagePass(row.getInt(1), Parameters.getInstant(row, 2),
                            Parameters.getInstant(row, 3)));
                }
            }
        });
    }

    /** Records where the pass stands; a completed pass has {@code completedAt} set. */
    public void save(PagePass pass, Instant now) {
        database.execute(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(upsertPass)) {
                upsert.setString(1, NAME);
                upsert.setInt(2, pass.nextPage());
                Parameters.setInstant(upsert, 3, pass.startedAt());
                Parameters.setInstant(upsert, 4, pass.completedAt());
                Parameters.setInstant(upsert, 5, now);
                upsert.executeUpdate();
            }
        });
    }
}
