package dev.steamcollector.persistence;

import static java.util.stream.Collectors.joining;

import dev.steamcollector.model.ChangeEvent;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import dev.steamcollector.model.CatalogueDescription;
import dev.steamcollector.model.DueSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the {@code store_details} table: a batch of descriptions, or of review summaries, in one
 * transaction. Data replaces the stored values; a failure or a not-found touches only the
 * bookkeeping of its part (description or reviews), so good data is never lost to a bad answer.
 * Which games are due is {@link StoreBacklogRepository}'s business.
 */
public final class StoreDetailsRepository {

    /**
     * The description: its columns change with the game's store data ({@code games.last_modified});
     * due again after 30 days, 7 while the game is coming soon.
     */
    static final Part DESCRIPTION = new Part("appdetails", "", "fetch_status", StoreColumns.DESCRIPTION, Set.of(),
            true, Freshness.PER_GAME);
    /** The review summary, its bookkeeping columns prefixed {@code reviews_}. */
    static final Part REVIEWS = new Part("appreviews", "reviews_", "reviews_fetch_status", StoreColumns.REVIEWS,
            Set.of(), false, Freshness.PER_GAME);
    /**
     * The catalogue's item, its bookkeeping prefixed {@code catalogue_} ({@code catalogue_status});
     * due again every day. A name or type it does not send leaves the stored one.
     */
    static final Part CATALOGUE = new Part("catalogue", "catalogue_", "catalogue_status", StoreColumns.CATALOGUE,
            Set.of("name", "type"), false, Freshness.DAILY);

    /** How long a part's answer stays fresh: for most games, and for games coming soon. */
    record Freshness(Duration games, Duration comingSoon) {
        static final Freshness PER_GAME = new Freshness(Duration.ofDays(30), Duration.ofDays(7));
        static final Freshness DAILY = new Freshness(DueSelection.DETAILS_FRESH_FOR, DueSelection.DETAILS_FRESH_FOR);
    }

    private final Database database;
    private final Map<Part, Statements> statements;

    StoreDetailsRepository(Database database) {
        this.database = database;
        SqlDialect sql = database.dialect();
        this.statements = Map.of(DESCRIPTION, Statements.of(sql, DESCRIPTION), REVIEWS, Statements.of(sql, REVIEWS),
                CATALOGUE, Statements.of(sql, CATALOGUE));
    }

    /** The three upserts of one part, built once. */
    private record Statements(String fetched, String failed, String notFound) {
        static Statements of(SqlDialect sql, Part part) {
            return new Statements(part.upsertFetched(sql), part.upsertFailed(sql), part.upsertNotFound(sql));
        }
    }

    /**
     * One part of a row, from {@code source} (named in change events), with its data columns and
     * bookkeeping columns (named with {@code prefix}, the status {@code status}); {@code kept} columns keep their value when an answer has none;
     * {@code storeData} when the part is due again once the game's store data changed.
     */
    record Part(String source, String prefix, String status, List<String> columns, Set<String> kept, boolean storeData,
            Freshness freshness) {

        String column(String name) {
            return name.equals("fetch_status") ? status : prefix + name;
        }

        private String assignment(SqlDialect sql, String column) {
            return column + " = " + (kept.contains(column)
                    ? "COALESCE(" + sql.inserted(column) + ", store_details." + column + ")" : sql.inserted(column));
        }

        String upsertFetched(SqlDialect sql) {
            String names = String.join(", ", columns);
            String marks = columns.stream().map(c -> "?").collect(joining(", "));
            List<String> sets = new ArrayList<>();
            sets.add(column("fetched_at") + " = " + sql.inserted(column("fetched_at")));
            columns.forEach(c -> sets.add(assignment(sql, c)));
            sets.addAll(List.of(column("fetch_status") + " = 'success'", column("last_error") + " = NULL",
                    column("fetch_attempts") + " = 0", column("next_attempt_at") + " = NULL"));
            return sql.upsert("INSERT INTO store_details (app_id, " + names + ", " + column("fetched_at") + ", "
                    + column("fetch_status") + ") VALUES (?, " + marks + ", ?, 'success')", "app_id", sets);
        }

        String upsertFailed(SqlDialect sql) {
            return sql.upsert("INSERT INTO store_details (app_id, " + column("fetch_status") + ", "
                    + column("last_error") + ", " + column("fetch_attempts") + ", " + column("next_attempt_at")
                    + ") VALUES (?, 'failed', ?, 1, ?)", "app_id", List.of(
                            column("fetch_attempts") + " = store_details." + column("fetch_attempts") + " + 1",
                            column("fetch_status") + " = 'failed'",
                            column("last_error") + " = " + sql.inserted(column("last_error")),
                            column("next_attempt_at") + " = " + sql.inserted(column("next_attempt_at"))));
        }

        String upsertNotFound(SqlDialect sql) {
            return sql.upsert("INSERT INTO store_details (app_id, " + column("fetch_status") + ", "
                    + column("fetched_at") + ") VALUES (?, 'not_found', ?)", "app_id", List.of(
                            column("fetched_at") + " = " + sql.inserted(column("fetched_at")),
                            column("fetch_status") + " = 'not_found'", column("last_error") + " = NULL",
                            column("fetch_attempts") + " = 0", column("next_attempt_at") + " = NULL"));
        }
    }

    /** Binds one part's data columns from a parameter on; returns the next parameter index. */
    @FunctionalInterface
    private interface Binder<T> {
        int bind(PreparedStatement statement, int first, T data) throws SQLException;
    }

    /**
     * Stores a batch of descriptions in one transaction; a game stored without a name takes the
     * Store's. Each game must exist in {@code games}.
     */
    public void storeDescriptions(List<FetchOutcome<StoreDescription>> batch) {
        storeNamed(DESCRIPTION, batch, StoreDescription::name, StoreColumns::bind);
    }

    /**
     * Stores a batch of catalogue answers in one transaction; a game stored without a name takes the
     * catalogue's. Each game must exist in {@code games}.
     */
    public void storeCatalogue(List<FetchOutcome<CatalogueDescription>> batch) {
        storeNamed(CATALOGUE, batch, CatalogueDescription::name, StoreColumns::bind);
    }

    /** Stores a batch of {@code part} in one transaction, filling the names of games stored without one. */
    private <T> void storeNamed(Part part, List<FetchOutcome<T>> batch, Function<T, String> name, Binder<T> binder) {
        List<Game> names = new ArrayList<>();
        for (FetchOutcome<T> outcome : batch) {
            if (outcome instanceof FetchOutcome.Fetched<T> f && name.apply(f.data()) != null) {
                names.add(new Game(f.appId(), name.apply(f.data())));
            }
        }
        Outbox outbox = database.outbox();
        Statements upserts = statements.get(part);
        database.execute(connection -> {
            recordingChanges(connection, outbox, part, batch, () -> upsert(connection, upserts, batch, binder));
            GameRepository.fillMissingNames(connection, names);
        });
    }

    /** Stores a batch of review summaries in one transaction. Each game must exist in {@code games}. */
    public void storeReviews(List<FetchOutcome<ReviewSummary>> batch) {
        Outbox outbox = database.outbox();
        Statements upserts = statements.get(REVIEWS);
        database.execute(connection -> recordingChanges(connection, outbox, REVIEWS, batch,
                () -> upsert(connection, upserts, batch, StoreColumns::bind)));
    }

    @FunctionalInterface
    private interface Write {
        void run() throws SQLException;
    }

    /** Runs {@code write}, queueing a {@code store_details_changed} event for each game whose data it changed. */
    private static <T> void recordingChanges(Connection connection, Outbox outbox, Part part,
            List<FetchOutcome<T>> batch, Write write) throws SQLException {
        List<Integer> fetched = batch.stream().filter(outcome -> outcome instanceof FetchOutcome.Fetched<T>)
                .map(FetchOutcome::appId).toList();
        if (!outbox.enabled() || fetched.isEmpty()) {
            write.run();
            return;
        }
        Map<Integer, Map<String, Object>> before = ChangeEvents.findRows(connection, "store_details", part.columns(),
                fetched);
        write.run();
        Map<Integer, Map<String, Object>> after = ChangeEvents.findRows(connection, "store_details", part.columns(),
                fetched);
        Instant at = batch.stream().filter(outcome -> outcome instanceof FetchOutcome.Fetched<T>)
                .map(outcome -> ((FetchOutcome.Fetched<T>) outcome).at()).findFirst().orElseThrow();
        outbox.append(connection, ChangeEvents.rowsChanged(ChangeEvent.Type.STORE_DETAILS_CHANGED,
                Map.of("source", part.source()), part.columns(),
                before, after, at));
    }

    private static <T> void upsert(Connection connection, Statements upserts, List<FetchOutcome<T>> batch,
            Binder<T> binder) throws SQLException {
        try (PreparedStatement fetched = connection.prepareStatement(upserts.fetched());
                PreparedStatement failed = connection.prepareStatement(upserts.failed());
                PreparedStatement notFound = connection.prepareStatement(upserts.notFound())) {
            for (FetchOutcome<T> outcome : batch) {
                switch (outcome) {
                    case FetchOutcome.Fetched<T> f -> {
                        fetched.setInt(1, f.appId());
                        Parameters.setInstant(fetched, binder.bind(fetched, 2, f.data()), f.at());
                        fetched.addBatch();
                    }
                    case FetchOutcome.Failed<T> f -> {
                        failed.setInt(1, f.appId());
                        failed.setString(2, f.error());
                        Parameters.setInstant(failed, 3, f.retryAt());
                        failed.addBatch();
                    }
                    case FetchOutcome.NotFound<T> n -> {
                        notFound.setInt(1, n.appId());
                        Parameters.setInstant(notFound, 2, n.at());
                        notFound.addBatch();
                    }
                }
            }
            fetched.executeBatch();
            failed.executeBatch();
            notFound.executeBatch();
        }
    }
}
