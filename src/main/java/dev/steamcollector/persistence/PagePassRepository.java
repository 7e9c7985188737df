package dev.steamcollector.persistence;

import dev.steamcollector.model.PagePass;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The {@code page_passes} table: the checkpoint of a pass over SteamSpy's {@code all} pages. */
public final class PagePassRepository {

    private static final String NAME = "steamspy_all";

    private final Database database;

    PagePassRepository(Database database) {
        this.database = database;
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
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO page_passes (name, next_page, started_at, completed_at, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE
                       SET next_page = excluded.next_page, started_at = excluded.started_at,
                           completed_at = excluded.completed_at, updated_at = excluded.updated_at
                    """)) {
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
