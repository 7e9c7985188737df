package dev.steamcollector.persistence;

import dev.steamcollector.model.ChangeEvent.Type;
import dev.steamcollector.model.Game;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code games} table: batch upserts of the app list and the counts {@code status} shows. */
public final class GameRepository {

    private static final int GAMES_A_STATEMENT = 100;
    private static final int PENDING_A_STATEMENT = 500;

    private final Database database;
    private final RowsAtOnce<Game> upsertGames;
    private final RowsAtOnce<Integer> insertPendingMetadata;

    GameRepository(Database database) {
        this.database = database;
        SqlDialect sql = database.dialect();
        // a listed game is present: active again, no longer missing; a known name is kept over a blank
        // one, and unknown change numbers keep the stored ones
        String name = known(sql, "name");
        String lastModified = known(sql, "last_modified");
        String priceChangeNumber = known(sql, "price_change_number");
        String changed = "games.is_active = FALSE OR games.missing_since IS NOT NULL"
                + " OR " + sql.distinct(name, "games.name")
                + " OR " + sql.distinct(lastModified, "games.last_modified")
                + " OR " + sql.distinct(priceChangeNumber, "games.price_change_number");
        this.upsertGames = new RowsAtOnce<>(rows -> sql.upsert("""
                INSERT INTO games (app_id, name, created_at, updated_at, is_active, last_modified, price_change_number)
                VALUES\s""" + rows, "app_id", List.of(
                "updated_at = CASE WHEN " + changed + " THEN " + sql.inserted("updated_at")
                        + " ELSE games.updated_at END",
                "name = " + name,
                "is_active = TRUE",
                "missing_since = NULL",
                "last_modified = " + lastModified,
                "price_change_number = " + priceChangeNumber), Optional.of(changed)),
                "(?, ?, ?, ?, TRUE, ?, ?)", GAMES_A_STATEMENT);
        // only the games the listing found without a row: a rerun of the list writes none
        this.insertPendingMetadata = new RowsAtOnce<>(rows -> sql.insertIgnoringDuplicates("""
                INSERT INTO game_metadata (app_id, fetch_status, fetch_attempts)
                VALUES\s""" + rows, "game_metadata.app_id"), "(?, 'pending', 0)", PENDING_A_STATEMENT);
    }

    /** The inserted value of {@code column}, or the stored one when none came. */
    private static String known(SqlDialect sql, String column) {
        return "COALESCE(" + sql.inserted(column) + ", games." + column + ")";
    }

    /**
     * Inserts new games as active with a {@code pending} metadata row, updates changed names and
     * change numbers, and reactivates returning games, in one transaction. Rows it would leave as
     * they are are not written. Returns how many games were new.
     */
    public int upsertGames(List<Game> games, Instant now) {
        if (games.isEmpty()) {
            return 0;
        }
        Outbox outbox = database.outbox();
        return database.query(connection -> {
            ListedGames listed = ListedGames.compare(connection, games, outbox.enabled());
            upsert(connection, listed.changed(), now);
            insertPendingMetadata(connection, listed.withoutMetadata);
            if (outbox.enabled()) {
                outbox.append(connection, listed.arrivals.stream().map(arrival -> ChangeEvents.gameEvent(
                        arrival.type(), arrival.game().appId(), arrival.game().name(), now)).toList());
            }
            return listed.added;
        });
    }

    private void upsert(Connection connection, List<Game> games, Instant now) throws SQLException {
        upsertGames.write(connection, games, (upsert, first, game) -> {
            upsert.setInt(first, game.appId());
            upsert.setString(first + 1, game.name() == null || game.name().isEmpty() ? null : game.name());
            Parameters.setInstant(upsert, first + 2, now);
            Parameters.setInstant(upsert, first + 3, now);
            Parameters.setInstant(upsert, first + 4, game.lastModified());
            Parameters.setValue(upsert, first + 5, game.priceChangeNumber(), Types.BIGINT);
        });
    }

    /** Every game has a metadata row, pending until its first fetch. */
    private void insertPendingMetadata(Connection connection, List<Integer> appIds) throws SQLException {
        insertPendingMetadata.write(connection, appIds, (pending, first, appId) -> pending.setInt(first, appId));
    }

    /**
     * How many games were first seen at or after {@code since}. A run counts its new games as it
     * stores them; this query, through Hibernate, is the probe that its parameters meet the times
     * native statements wrote, to the millisecond, on every database and in every zone.
     */
    long countCreatedSince(Instant since) {
        return database.inTransaction(session -> session
                .createSelectionQuery("select count(*) from GameEntity where createdAt >= :since", Long.class)
                .setParameter("since", since)
                .getSingleResult());
    }

    /** The newest {@code last_modified} of an active game: how recent the change data is; empty without a key. */
    public Optional<Instant> findNewestLastModified() {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT last_modified FROM games"
                    + " WHERE is_active = TRUE AND last_modified IS NOT NULL ORDER BY last_modified DESC LIMIT 1");
                    ResultSet row = query.executeQuery()) {
                return Optional.ofNullable(row.next() ? Parameters.getInstant(row, 1) : null);
            }
        });
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

    /** The active games a complete app list lacked before while the list-shrink guard kept them. */
    public BitSet findMissingActiveAppIds() {
        return findAppIds("SELECT app_id FROM games WHERE is_active = TRUE AND missing_since IS NOT NULL");
    }

    /**
     * Notes that a complete app list lacked these active games (kept active for now); a game
     * already noted keeps the time it first went missing, and a later list that has it clears it.
     */
    public void markMissing(BitSet appIds, Instant now) {
        updateEach(appIds, "UPDATE games SET missing_since = ? WHERE app_id = ? AND missing_since IS NULL", now);
    }

    /** Marks these games inactive (never deletes them), in one transaction, with their change events. */
    public void deactivate(BitSet appIds, Instant now) {
        if (appIds.isEmpty()) {
            return;
        }
        Outbox outbox = database.outbox();
        database.execute(connection -> {
            if (outbox.enabled()) {
                Map<Integer, Boolean> before = ChangeEvents.findActive(connection, appIds.stream().boxed().toList());
                outbox.append(connection, appIds.stream().filter(id -> Boolean.TRUE.equals(before.get(id)))
                        .mapToObj(id -> ChangeEvents.gameEvent(Type.GAME_DEACTIVATED, id, null, now)).toList());
            }
            updateEach(connection, appIds, "UPDATE games SET is_active = FALSE, missing_since = NULL, updated_at = ?"
                    + " WHERE app_id = ? AND is_active = TRUE", now);
        });
    }

    /** Runs {@code sql} (a time, then an appid) for each of {@code appIds}, in one transaction. */
    private void updateEach(BitSet appIds, String sql, Instant now) {
        if (!appIds.isEmpty()) {
            database.execute(connection -> updateEach(connection, appIds, sql, now));
        }
    }

    private static void updateEach(Connection connection, BitSet appIds, String sql, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int id = appIds.nextSetBit(0); id >= 0; id = appIds.nextSetBit(id + 1)) {
                Parameters.setInstant(update, 1, now);
                update.setInt(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Counts of active and inactive games. */
    public ActiveCounts countByActive() {
        return database.query(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN is_active THEN 1 ELSE 0 END), 0) FROM games")) {
                rows.next();
                long active = rows.getLong(2);
                return new ActiveCounts(active, rows.getLong(1) - active);
            }
        });
    }

    /** Active and inactive game counts. */
    public record ActiveCounts(long active, long inactive) {
    }
}
