package dev.steamcollector.persistence;

import dev.steamcollector.model.Game;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;

/** The {@code games} table: batch upserts of the app list and the counts {@code status} shows. */
public final class GameRepository {

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
     * Inserts new games as active with a {@code pending} metadata row, updates
     * changed names and reactivates returning games, in one transaction.
     */
    public void upsertGames(List<Game> games, Instant now) {
        if (games.isEmpty()) {
            return;
        }
        database.execute(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_GAME)) {
                for (Game game : games) {
                    upsert.setInt(1, game.appId());
                    upsert.setString(2, game.name() == null || game.name().isEmpty() ? null : game.name());
                    Parameters.setInstant(upsert, 3, now);
                    Parameters.setInstant(upsert, 4, now);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            // every game has a metadata row, pending until its first fetch
            try (PreparedStatement pending = connection.prepareStatement(INSERT_PENDING_METADATA)) {
                for (Game game : games) {
                    pending.setInt(1, game.appId());
                    pending.addBatch();
                }
                pending.executeBatch();
            }
        });
    }

    /** How many games were first seen at or after {@code since}: a run's new games. */
    public long countCreatedSince(Instant since) {
        return database.inTransaction(session -> session
                .createSelectionQuery("select count(g) from GameEntity g where g.createdAt >= :since", Long.class)
                .setParameter("since", since)
                .getSingleResult());
    }

    /** The appids of every active game. */
    public BitSet findActiveAppIds() {
        return findAppIds("SELECT app_id FROM games WHERE is_active = TRUE");
    }

    /** The appids of every game, active or not. */
    public BitSet findAllAppIds() {
        return findAppIds("SELECT app_id FROM games");
    }

    /** Gives a name to games stored without one (added by appid alone). */
    public void fillMissingNames(List<Game> games) {
        if (!games.isEmpty()) {
            database.execute(connection -> fillMissingNames(connection, games));
        }
    }

    /** The same, inside a transaction the caller holds. */
    static void fillMissingNames(Connection connection, List<Game> games) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE games SET name = ? WHERE app_id = ? AND (name IS NULL OR name = '')")) {
            for (Game game : games) {
                update.setString(1, game.name());
                update.setInt(2, game.appId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private BitSet findAppIds(String sql) {
        return database.query(connection -> {
            BitSet ids = new BitSet();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setFetchSize(10_000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.set(rows.getInt(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Marks these games inactive (never deletes them), in one transaction. */
    public void deactivate(BitSet appIds, Instant now) {
        if (appIds.isEmpty()) {
            return;
        }
        database.execute(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE games SET is_active = FALSE, updated_at = ? WHERE app_id = ?")) {
                for (int id = appIds.nextSetBit(0); id >= 0; id = appIds.nextSetBit(id + 1)) {
                    Parameters.setInstant(update, 1, now);
                    update.setInt(2, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
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
