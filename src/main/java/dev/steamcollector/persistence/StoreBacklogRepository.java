package dev.steamcollector.persistence;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which active games' Store descriptions, or review summaries, are due, and how the fetches
 * stand. Due ({@link DueSelection.Kind#DUE}), in this order: games never asked about (the newest
 * appids first); failures whose retry time has come; for the descriptions, games whose store data
 * changed since ({@code games.last_modified}, from the keyed app list); then, stalest first, games
 * coming soon asked more than 7 days ago and the others more than 30 days ago (the catalogue: every
 * game asked more than 20 hours ago). Games missing from {@code game_metadata} (not on SteamSpy) are due
 * all the same.
 */
public final class StoreBacklogRepository {

    private final Database database;
    private final StoreDetailsRepository.Part part;

    StoreBacklogRepository(Database database, StoreDetailsRepository.Part part) {
        this.database = database;
        this.part = part;
    }

    /** The games whose part is due, in the order they should be fetched. */
    public List<DueGame> findDue(DueSelection selection) {
        String never = never();
        String sql = "SELECT g.app_id, COALESCE(s." + part.column("fetch_attempts") + ", 0)" + dueFrom(selection.kind())
                + " ORDER BY CASE WHEN " + never + " THEN 0 WHEN s." + part.column("fetch_status")
                + " = 'failed' THEN 1 WHEN " + changed() + " THEN 2 ELSE 3 END,"
                + " CASE WHEN " + never + " THEN -g.app_id ELSE 0 END,"
                + " COALESCE(s." + part.column("fetched_at") + ", s." + part.column("next_attempt_at") + "), g.app_id"
                + " LIMIT ?";
        return DueQuery.find(database, sql, query -> bindDue(query, selection, part.freshness()), selection.limit());
    }

    /** How many games {@link #findDue} would return without a limit. */
    public long countDue(DueSelection selection) {
        String sql = "SELECT COUNT(*)" + dueFrom(selection.kind());
        return DueQuery.count(database, sql, query -> bindDue(query, selection, part.freshness()));
    }

    /** How many active games have each fetch status of this part; never asked counts as pending. */
    public Map<FetchStatus, Long> countByStatus() {
        String sql = "SELECT COALESCE(s." + part.column("fetch_status") + ", 'pending'), COUNT(*)"
                + " FROM games g LEFT JOIN store_details s ON s.app_id = g.app_id WHERE g.is_active = TRUE"
                + " GROUP BY COALESCE(s." + part.column("fetch_status") + ", 'pending')";
        return database.query(connection -> {
            Map<FetchStatus, Long> counts = new EnumMap<>(FetchStatus.class);
            for (FetchStatus status : FetchStatus.values()) {
                counts.put(status, 0L);
            }
            try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(FetchStatus.fromDb(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    private String never() {
        return "(s.app_id IS NULL OR s." + part.column("fetch_status") + " = 'pending')";
    }

    /** The game's store data changed after the part was last fetched; never true for a part that does not follow it. */
    private String changed() {
        return part.storeData() ? "g.last_modified > s." + part.column("fetched_at") : "1 = 0";
    }

    /** The FROM and WHERE clauses of a selection: active games whose part {@code kind} picks. */
    private String dueFrom(DueSelection.Kind kind) {
        String status = "s." + part.column("fetch_status");
        String fetchedAt = "s." + part.column("fetched_at");
        String nextAttempt = "s." + part.column("next_attempt_at");
        String where = switch (kind) {
            case DUE -> never() + " OR (" + status + " = 'failed' AND (" + nextAttempt + " IS NULL OR "
                    + nextAttempt + " <= ?)) OR (" + status + " IN ('success', 'not_found') AND (" + fetchedAt
                    + " IS NULL OR " + fetchedAt + " < ? OR (s.coming_soon = TRUE AND " + fetchedAt + " < ?) OR "
                    + changed() + "))";
            case FAILED -> status + " = 'failed'";
            case ALL -> "s.app_id IS NULL OR " + fetchedAt + " IS NULL OR " + fetchedAt + " < ?";
        };
        return " FROM games g LEFT JOIN store_details s ON s.app_id = g.app_id WHERE g.is_active = TRUE AND ("
                + where + ")";
    }

    /** Binds the parameters of {@link #dueFrom}; returns the next parameter index. */
    private static int bindDue(PreparedStatement query, DueSelection selection,
            StoreDetailsRepository.Freshness freshness) throws SQLException {
        int index = 1;
        switch (selection.kind()) {
            case DUE -> {
                Parameters.setInstant(query, index++, selection.now());
                Parameters.setInstant(query, index++, selection.now().minus(freshness.games()));
                Parameters.setInstant(query, index++, selection.now().minus(freshness.comingSoon()));
            }
            case ALL -> Parameters.setInstant(query, index++, selection.staleBefore());
            case FAILED -> {
                // no parameter
            }
        }
        return index;
    }
}
