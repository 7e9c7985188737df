package dev.steamcollector.persistence;

import static java.util.stream.Collectors.joining;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.model.MetadataUpdate.Failed;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.model.MetadataUpdate.NotFound;
import dev.steamcollector.model.StoredMetadata;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code game_metadata} table. Fetched data replaces the stored values; a failure or a
 * not-found touches only the bookkeeping columns, so good data is never lost to a bad answer.
 */
public final class MetadataRepository {

    private final Database database;
    private final SqlDialect sql;
    private final String upsertFetched;
    /** Page records lack genre, languages and tags, and say nothing about the per-game fetch; page_fetched_at dates them. */
    private final String upsertPage;
    private final String upsertFailed;
    private final String upsertNotFound;

    MetadataRepository(Database database) {
        this.database = database;
        this.sql = database.dialect();
        this.upsertFetched = dataUpsert(MetadataColumn.ALL, bookkeeping(
                "details_fetched_at", "?", "fetch_attempts", "0", "fetch_status", "'success'",
                "last_error", "NULL", "next_attempt_at", "NULL"));
        this.upsertPage = dataUpsert(MetadataColumn.PAGE, Map.of("page_fetched_at", "?"));
        this.upsertFailed = sql.upsert("""
                INSERT INTO game_metadata (app_id, fetch_attempts, fetch_status, last_error, next_attempt_at)
                VALUES (?, 1, 'failed', ?, ?)""", "app_id", List.of(
                "fetch_attempts = game_metadata.fetch_attempts + 1",
                "fetch_status = 'failed'",
                "last_error = " + sql.inserted("last_error"),
                "next_attempt_at = " + sql.inserted("next_attempt_at")));
        this.upsertNotFound = sql.upsert("""
                INSERT INTO game_metadata (app_id, fetch_attempts, fetch_status, details_fetched_at)
                VALUES (?, 0, 'not_found', ?)""", "app_id", List.of(
                "fetch_attempts = 0",
                "fetch_status = 'not_found'",
                "last_error = NULL",
                "next_attempt_at = NULL",
                "details_fetched_at = " + sql.inserted("details_fetched_at")));
    }

    /** Stores the outcomes of per-game fetches in one transaction; each game must exist in {@code games}. */
    public void upsert(List<? extends MetadataUpdate> updates) {
        if (!updates.isEmpty()) {
            database.execute(connection -> upsert(connection, updates));
        }
    }

    /** The same, inside a transaction the caller holds; changed data also queues its change events. */
    void upsert(Connection connection, List<? extends MetadataUpdate> updates) throws SQLException {
        List<Fetched> withData = updates.stream().filter(Fetched.class::isInstance).map(Fetched.class::cast).toList();
        if (!withData.isEmpty()) {
            // the batch's events carry its first fetch time: they are seconds apart at most
            queueChanges(connection, withData.stream().map(Fetched::data).toList(), MetadataColumn.ALL,
                    database.outbox(), withData.get(0).at());
        }
        try (PreparedStatement fetched = connection.prepareStatement(upsertFetched);
                PreparedStatement failed = connection.prepareStatement(upsertFailed);
                PreparedStatement notFound = connection.prepareStatement(upsertNotFound)) {
            for (MetadataUpdate update : updates) {
                switch (update) {
                    case Fetched f -> bindFetched(fetched, f);
                    case Failed f -> bindFailed(failed, f);
                    case NotFound n -> bindNotFound(notFound, n);
                }
            }
            fetched.executeBatch();
            failed.executeBatch();
            notFound.executeBatch();
        }
    }

    /**
     * Stores the figures of SteamSpy {@code all} pages (owners, reviews, playtime, price, CCU) in one
     * transaction; genre, languages, tags and the fetch status stay as they are.
     */
    public void upsertPageData(List<GameMetadata> records, Instant at) {
        if (records.isEmpty()) {
            return;
        }
        Outbox outbox = database.outbox();
        database.execute(connection -> {
            queueChanges(connection, records, MetadataColumn.PAGE, outbox, at);
            try (PreparedStatement upsert = connection.prepareStatement(upsertPage)) {
                for (GameMetadata data : records) {
                    int next = bindData(upsert, data, MetadataColumn.PAGE);
                    Parameters.setInstant(upsert, next, at);
                    Parameters.setInstant(upsert, next + 1, at);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    /** Queues a {@code metadata_changed} event for each record whose data differs from what is stored. */
    private static void queueChanges(Connection connection, List<GameMetadata> records, List<MetadataColumn> columns,
            Outbox outbox, Instant at) throws SQLException {
        if (!outbox.enabled() || records.isEmpty()) {
            return;
        }
        Map<Integer, Map<String, Object>> before = ChangeEvents.findMetadata(connection, columns,
                records.stream().map(GameMetadata::appId).toList());
        outbox.append(connection, ChangeEvents.metadataChanged(records, columns, before, at));
    }

    private static void bindFetched(PreparedStatement statement, Fetched update) throws SQLException {
        int next = bindData(statement, update.data(), MetadataColumn.ALL);
        Parameters.setInstant(statement, next, update.at());
        Parameters.setInstant(statement, next + 1, update.at());
        statement.addBatch();
    }

    /** Binds the appid and {@code columns}; returns the next parameter index. */
    private static int bindData(PreparedStatement statement, GameMetadata data, List<MetadataColumn> columns)
            throws SQLException {
        int index = 1;
        statement.setInt(index++, data.appId());
        for (MetadataColumn column : columns) {
            Parameters.setValue(statement, index++, column.value().apply(data), column.sqlType());
        }
        return index;
    }

    private static Map<String, String> bookkeeping(String... namesAndValues) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            columns.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return columns;
    }

    private static void bindFailed(PreparedStatement statement, Failed update) throws SQLException {
        statement.setInt(1, update.appId());
        statement.setString(2, update.error());
        Parameters.setInstant(statement, 3, update.retryAt());
        statement.addBatch();
    }

    private static void bindNotFound(PreparedStatement statement, NotFound update) throws SQLException {
        statement.setInt(1, update.appId());
        Parameters.setInstant(statement, 2, update.at());
        statement.addBatch();
    }

    /** The stored metadata of one game. */
    public Optional<StoredMetadata> find(int appId) {
        return database.inTransaction(session -> Optional.ofNullable(session.get(GameMetadataEntity.class, appId))
                .map(GameMetadataEntity::toStored));
    }

    /** The games whose details are due, in the order they should be fetched. */
    public List<DueGame> findDue(DueSelection selection) {
        // new games first (the newest appids first), then failures, then games whose store data changed
        // since their details were fetched (the keyed app list's last_modified), then the stalest
        String sql = "SELECT m.app_id, m.fetch_attempts" + dueFrom(selection.kind())
                + " ORDER BY CASE WHEN m.fetch_status = 'pending' THEN 0 WHEN m.fetch_status = 'failed' THEN 1"
                + " WHEN g.last_modified > m.details_fetched_at THEN 2 ELSE 3 END,"
                + " CASE WHEN m.fetch_status = 'pending' THEN -m.app_id ELSE 0 END,"
                + " COALESCE(m.details_fetched_at, m.next_attempt_at), m.app_id LIMIT ?";
        return DueQuery.find(database, sql, query -> bindDue(query, selection), selection.limit());
    }

    /** How many games {@link #findDue} would return without a limit: the details work waiting. */
    public long countDue(DueSelection selection) {
        String sql = "SELECT COUNT(*)" + dueFrom(selection.kind());
        return DueQuery.count(database, sql, query -> bindDue(query, selection));
    }

    /** The FROM and WHERE clauses of a due selection: active games whose details {@code kind} picks. */
    private static String dueFrom(DueSelection.Kind kind) {
        String where = switch (kind) {
            case DUE -> """
                    (m.fetch_status = 'pending'
                     OR (m.fetch_status = 'failed' AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ?))
                     OR (m.fetch_status IN ('success', 'not_found')
                         AND (m.details_fetched_at IS NULL OR m.details_fetched_at < ?)))""";
            case FAILED -> "m.fetch_status = 'failed'";
            case ALL -> "(m.details_fetched_at IS NULL OR m.details_fetched_at < ?)";
        };
        return " FROM game_metadata m JOIN games g ON g.app_id = m.app_id WHERE g.is_active = TRUE AND " + where;
    }

    /** Binds the parameters of {@link #dueFrom}; returns the next parameter index. */
    private static int bindDue(PreparedStatement query, DueSelection selection) throws SQLException {
        int index = 1;
        if (selection.kind() == DueSelection.Kind.DUE) {
            Parameters.setInstant(query, index++, selection.now());
        }
        if (selection.kind() != DueSelection.Kind.FAILED) {
            Parameters.setInstant(query, index++, selection.staleBefore());
        }
        return index;
    }

    /** How many active games' store data changed ({@code last_modified}) since their details were fetched. */
    public long countChangedSinceDetails() {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM game_metadata m"
                    + " JOIN games g ON g.app_id = m.app_id WHERE g.is_active = TRUE"
                    + " AND g.last_modified > m.details_fetched_at");
                    ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** How many games have each fetch status. */
    public Map<FetchStatus, Long> countByStatus() {
        return database.query(connection -> {
            Map<FetchStatus, Long> counts = new EnumMap<>(FetchStatus.class);
            for (FetchStatus status : FetchStatus.values()) {
                counts.put(status, 0L);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT fetch_status, COUNT(*) FROM game_metadata GROUP BY fetch_status")) {
                while (rows.next()) {
                    counts.put(FetchStatus.fromDb(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    /**
     * An upsert of {@code columns}; {@code last_updated} moves only when a value really changed, so
     * it says when the game's metadata last changed rather than when it was last looked at (it is
     * assigned first, while the row still holds the old values). {@code bookkeeping} lists further
     * columns, inserted from {@code values} and set from the inserted row.
     */
    private String dataUpsert(List<MetadataColumn> columns, Map<String, String> bookkeeping) {
        String names = columns.stream().map(MetadataColumn::name).collect(joining(", "));
        String marks = columns.stream().map(c -> "?").collect(joining(", "));
        String changed = columns.stream()
                .map(c -> sql.distinct("game_metadata." + c.name(), sql.inserted(c.name())))
                .collect(joining("\n          OR "));
        List<String> assignments = new ArrayList<>();
        assignments.add("last_updated = CASE WHEN game_metadata.last_updated IS NULL\n          OR " + changed
                + "\n          THEN " + sql.inserted("last_updated") + " ELSE game_metadata.last_updated END");
        columns.forEach(c -> assignments.add(c.name() + " = " + sql.inserted(c.name())));
        bookkeeping.keySet().forEach(name -> assignments.add(name + " = " + sql.inserted(name)));
        String extraNames = bookkeeping.keySet().stream().map(name -> ", " + name).collect(joining());
        String extraValues = bookkeeping.values().stream().map(value -> ", " + value).collect(joining());
        return sql.upsert("INSERT INTO game_metadata (app_id, " + names + ", last_updated" + extraNames + ")\n"
                + "VALUES (?, " + marks + ", ?" + extraValues + ")", "app_id", assignments);
    }
}
