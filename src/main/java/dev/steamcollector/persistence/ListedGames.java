package dev.steamcollector.persistence;

import dev.steamcollector.model.ChangeEvent.Type;
import dev.steamcollector.model.Game;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of listed games set against their stored rows, read in one query: the games whose upsert
 * would change their row (new, returning, renamed, with moved change numbers), the games still
 * without a metadata row, and the games that arrive. A rerun of the list changes almost nothing, and
 * the rest need not be written.
 */
final class ListedGames {

    private static final int CHUNK = 500;
    private static final String COLUMNS = """
            SELECT g.app_id, g.name, g.last_modified, g.price_change_number,
                   CASE WHEN g.is_active = TRUE THEN 1 ELSE 0 END,
                   CASE WHEN g.missing_since IS NULL THEN 0 ELSE 1 END,
                   CASE WHEN m.app_id IS NULL THEN 0 ELSE 1 END
              FROM games g LEFT JOIN game_metadata m ON m.app_id = g.app_id
             WHERE\s""";
    private static final String IN_RANGE = COLUMNS + "g.app_id BETWEEN ? AND ?";
    private static final String IN_LIST = COLUMNS + "g.app_id IN ("
            + String.join(",", Collections.nCopies(CHUNK, "?")) + ")";

    /** What an app list can change of a stored game. */
    private record Stored(String name, Object lastModified, Long priceChangeNumber, boolean active, boolean missing,
            boolean hasMetadata) {

        /** Whether upserting {@code game} changes this row: the condition of the upsert's update, in Java. */
        boolean changedBy(Game game, String name) {
            return !active || missing
                    || name != null && !name.equals(this.name)
                    || game.lastModified() != null && !Parameters.holdsInstant(lastModified, game.lastModified())
                    || game.priceChangeNumber() != null && !game.priceChangeNumber().equals(priceChangeNumber);
        }

        /** The row once {@code game} is upserted: known values kept over absent ones. */
        Stored after(Game game, String name) {
            return new Stored(name == null ? this.name : name,
                    game.lastModified() == null ? lastModified : game.lastModified(),
                    game.priceChangeNumber() == null ? priceChangeNumber : game.priceChangeNumber(),
                    true, false, true);
        }
    }

    /** A game that is new, or listed again while inactive. */
    record Arrival(Type type, Game game) {
    }

    private final Map<Integer, Game> changed = new LinkedHashMap<>();
    final List<Integer> withoutMetadata = new ArrayList<>();
    final List<Arrival> arrivals = new ArrayList<>();
    /** How many of the games have no row yet, each counted once. */
    int added;

    private ListedGames() {
    }

    /** Sets {@code games} against the stored rows; {@code arrivals} only when asked, for change events. */
    static ListedGames compare(Connection connection, List<Game> games, boolean withArrivals) throws SQLException {
        Map<Integer, Stored> rows = findStored(connection, games);
        ListedGames listed = new ListedGames();
        for (Game game : games) {
            // a blank name is no name: the stored one is kept
            String name = game.name() == null || game.name().isEmpty() ? null : game.name();
            Stored stored = rows.get(game.appId());
            if (stored == null || stored.changedBy(game, name)) {
                listed.changed.merge(game.appId(), game, ListedGames::merge);
            }
            if (stored == null) {
                listed.added++;
            }
            if (stored == null || !stored.hasMetadata()) {
                listed.withoutMetadata.add(game.appId());
            }
            if (withArrivals && (stored == null || !stored.active())) {
                listed.arrivals.add(new Arrival(stored == null ? Type.GAME_ADDED : Type.GAME_REACTIVATED, game));
            }
            // a game listed twice in one batch meets the row its first listing left
            Stored empty = new Stored(null, null, null, true, false, true);
            rows.put(game.appId(), Objects.requireNonNullElse(stored, empty).after(game, name));
        }
        return listed;
    }

    /** The games to upsert, each once: a batch may not name a row twice on PostgreSQL. */
    List<Game> changed() {
        return List.copyOf(changed.values());
    }

    /** A game listed twice in one batch: its later values, known ones kept over absent ones. */
    private static Game merge(Game earlier, Game later) {
        return new Game(later.appId(), later.name() == null || later.name().isEmpty() ? earlier.name() : later.name(),
                later.lastModified() == null ? earlier.lastModified() : later.lastModified(),
                later.priceChangeNumber() == null ? earlier.priceChangeNumber() : later.priceChangeNumber());
    }

    /**
     * The stored rows of these games. A list in appid order (the keyed Steam list) is read as one
     * range, which holds its games and the few between them that left the list; any other by appid.
     */
    private static Map<Integer, Stored> findStored(Connection connection, List<Game> games) throws SQLException {
        Map<Integer, Stored> rows = new HashMap<>();
        if (ascending(games)) {
            try (PreparedStatement query = connection.prepareStatement(IN_RANGE)) {
                query.setInt(1, games.getFirst().appId());
                query.setInt(2, games.getLast().appId());
                read(query, rows);
            }
            return rows;
        }
        try (PreparedStatement query = connection.prepareStatement(IN_LIST)) {
            for (int from = 0; from < games.size(); from += CHUNK) {
                // a short last chunk repeats its last appid: one statement serves every chunk
                for (int i = 0; i < CHUNK; i++) {
                    query.setInt(i + 1, games.get(Math.min(games.size() - 1, from + i)).appId());
                }
                read(query, rows);
            }
        }
        return rows;
    }

    private static boolean ascending(List<Game> games) {
        for (int i = 1; i < games.size(); i++) {
            if (games.get(i).appId() <= games.get(i - 1).appId()) {
                return false;
            }
        }
        return true;
    }

    private static void read(PreparedStatement query, Map<Integer, Stored> rows) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                long number = row.getLong(4);
                Long priceChangeNumber = row.wasNull() ? null : number;
                rows.put(row.getInt(1), new Stored(row.getString(2), Parameters.getStoredInstant(row, 3),
                        priceChangeNumber, row.getInt(5) == 1, row.getInt(6) == 1, row.getInt(7) == 1));
            }
        }
    }
}
