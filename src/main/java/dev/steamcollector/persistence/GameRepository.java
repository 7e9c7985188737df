package dev.steamcollector.persistence;

import dev.steamcollector.model.Game;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** The {@code games} table: batch upserts of the app list and the counts {@code status} shows. */
public final class GameRepository {

    /** Bind variables per statement stay well under every driver's limit. */
    private static final int LOOKUP_CHUNK = 500;

    private static final String UPSERT_GAME = """
            INSERT INTO games (app_id, name, created_at, updated_at, is_active)
            VALUES (?, ?, ?, ?, TRUE)
            ON CONFLICT (app_id) DO UPDATE
               SET name = COALESCE(excluded.name, games.name),
                   updated_at = excluded.updated_at,
                   is_active = TRUE
             WHERE games.is_active = FALSE
                OR COALESCE(excluded.name, games.name) IS DISTINCT FROM games.name
            """;

    private static final String INSERT_PENDING_METADATA = """
            INSERT INTO game_metadata (app_id, fetch_status, fetch_attempts)
            VALUES (?, 'pending', 0)
            ON CONFLICT (app_id) DO NOTHING
            """;

    private final Database database;

    GameRepository(Database database) {
        this.database = database;
    }

    /**
     * Inserts new games as active with metadata {@code pending}, updates changed names and
     * reactivates returning games, all in one transaction. Returns how many games were new.
     */
    public int upsertGames(List<Game> games, Instant now) {
        if (games.isEmpty()) {
            return 0;
        }
        return database.inTransaction(session -> session.doReturningWork(connection -> {
            int existing = countExisting(connection, games);
            try (PreparedStatement upsertGame = connection.prepareStatement(UPSERT_GAME);
                    PreparedStatement insertMetadata = connection.prepareStatement(INSERT_PENDING_METADATA)) {
                for (Game game : games) {
                    upsertGame.setInt(1, game.appId());
                    upsertGame.setString(2, game.name() == null || game.name().isEmpty() ? null : game.name());
                    Parameters.setInstant(upsertGame, 3, now);
                    Parameters.setInstant(upsertGame, 4, now);
                    upsertGame.addBatch();
                    insertMetadata.setInt(1, game.appId());
                    insertMetadata.addBatch();
                }
                upsertGame.executeBatch();
                insertMetadata.executeBatch();
            }
            return games.size() - existing;
        }));
    }

    private static int countExisting(java.sql.Connection connection, List<Game> games) throws SQLException {
        int existing = 0;
        for (int from = 0; from < games.size(); from += LOOKUP_CHUNK) {
            List<Game> chunk = games.subList(from, Math.min(games.size(), from + LOOKUP_CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM games WHERE app_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.setInt(i + 1, chunk.get(i).appId());
                }
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    existing += rows.getInt(1);
                }
            }
        }
        return existing;
    }

    /** Counts of active and inactive games. */
    public ActiveCounts countByActive() {
        return database.inTransaction(session -> {
            List<Object[]> rows = session.createSelectionQuery(
                    "select g.active, count(g) from GameEntity g group by g.active", Object[].class).getResultList();
            long active = 0;
            long inactive = 0;
            for (Object[] row : rows) {
                if ((Boolean) row[0]) {
                    active = (Long) row[1];
                } else {
                    inactive = (Long) row[1];
                }
            }
            return new ActiveCounts(active, inactive);
        });
    }

    /** Active and inactive game counts. */
    public record ActiveCounts(long active, long inactive) {
    }
}
