package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import dev.steamcollector.model.StoreDescription.Languages;
import dev.steamcollector.model.StoreDescription.Platforms;
import dev.steamcollector.model.StoreDescription.Release;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code store_details} table and its due selections, on real SQLite, PostgreSQL and MariaDB. */
class StoreDetailsRepositoryIT {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path directory;

    TestDatabase db;
    Database database;

    Database open(String kind) {
        db = TestDatabase.of(kind, directory);
        database = Database.open(db.settings());
        database.migrations().apply();
        return database;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    static StoreDescription portal(int appId, boolean comingSoon) {
        return new StoreDescription(appId, "Portal " + appId, "game",
                comingSoon ? new Release(null, "Q3 2026", true) : new Release(LocalDate.of(2011, 4, 18), "18 Apr, 2011", false),
                false, 13, new Platforms(true, false, null), 95, 436_815, 51, 2, List.of("Valve", "Hidden \"Path\""),
                List.of(), List.of("Action"), null, new Languages("English, French", "English"), "full",
                "Think with portals", "https://example.com/h.jpg", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void storesEveryFieldOfADescriptionAndFillsAMissingName(String kind) {
        open(kind).games().upsertGames(List.of(new Game(620, null)), NOW);

        database.storeDetails().storeDescriptions(List.of(new FetchOutcome.Fetched<>(620, portal(620, false), NOW)));

        assertThat(db.queryString("SELECT name FROM games WHERE app_id = 620")).isEqualTo("Portal 620");
        assertThat(db.queryString("SELECT release_date FROM store_details")).isEqualTo("2011-04-18");
        assertThat(db.queryString("SELECT release_date_text || '|' || type || '|' || required_age || '|' || dlc_count"
                + " || '|' || metacritic_score || '|' || recommendations || '|' || achievements || '|'"
                + " || supported_languages || '|' || full_audio_languages || '|' || controller_support || '|'"
                + " || short_description || '|' || header_image || '|' || fetch_status || '|' || fetch_attempts"
                + " FROM store_details")).isEqualTo("18 Apr, 2011|game|13|2|95|436815|51|English, French|English|full"
                + "|Think with portals|https://example.com/h.jpg|success|0");
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_details WHERE windows = TRUE AND mac = FALSE"
                + " AND linux IS NULL AND coming_soon = FALSE AND is_free = FALSE AND website IS NULL"
                + " AND categories_json IS NULL AND last_error IS NULL")).isEqualTo(1);
        // JSON arrays the database itself can read
        String firstDeveloper = db.isSqlite() ? "json_extract(developers_json, '$[1]')"
                : db.isMysql() ? "JSON_VALUE(developers_json, '$[1]')" : "developers_json->>1";
        assertThat(db.queryString("SELECT " + firstDeveloper + " FROM store_details")).isEqualTo("Hidden \"Path\"");
        assertThat(db.queryString("SELECT publishers_json FROM store_details")).isEqualTo("[]");
        if (kind.equals("postgresql")) {
            assertThat(db.queryString("SELECT pg_typeof(release_date)::text || ' ' || pg_typeof(genres_json)::text"
                    + " FROM store_details")).isEqualTo("date jsonb");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aFailureOrANotFoundKeepsTheDataAndEachPartItsOwnBookkeeping(String kind) {
        open(kind).games().upsertGames(List.of(new Game(10, "A"), new Game(20, "B")), NOW);
        database.storeDetails().storeDescriptions(List.of(new FetchOutcome.Fetched<>(10, portal(10, false), NOW),
                new FetchOutcome.Fetched<>(20, portal(20, false), NOW)));
        database.storeDetails().storeReviews(List.of(
                new FetchOutcome.Fetched<>(10, new ReviewSummary(10, 8, "Very Positive", 90, 10, 100), NOW)));

        Instant later = NOW.plusSeconds(60);
        database.storeDetails().storeDescriptions(List.of(
                new FetchOutcome.Failed<>(10, "HTTP 500", later, later.plusSeconds(900)),
                new FetchOutcome.NotFound<>(20, later)));
        database.storeDetails().storeDescriptions(List.of(
                new FetchOutcome.Failed<>(10, "HTTP 502", later, later.plusSeconds(3600))));

        assertThat(db.queryString("SELECT fetch_status || '|' || fetch_attempts || '|' || last_error || '|' || type"
                + " || '|' || reviews_fetch_status || '|' || review_score_desc || '|' || total_reviews"
                + " FROM store_details WHERE app_id = 10")).isEqualTo("failed|2|HTTP 502|game|success|Very Positive|100");
        assertThat(db.queryString("SELECT fetch_status || '|' || name || '|' || reviews_fetch_status"
                + " FROM store_details WHERE app_id = 20")).isEqualTo("not_found|Portal 20|pending");
        assertThat(database.storeDescriptionsDue().countByStatus()).containsEntry(FetchStatus.FAILED, 1L)
                .containsEntry(FetchStatus.NOT_FOUND, 1L);
        assertThat(database.storeReviewsDue().countByStatus()).containsEntry(FetchStatus.SUCCESS, 1L)
                .containsEntry(FetchStatus.PENDING, 1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void dueAreTheNeverAskedNewestFirstThenFailuresThenComingSoonAfterAWeekAndTheRestAfterAMonth(String kind) {
        open(kind).games().upsertGames(List.of(new Game(1, "fresh"), new Game(2, "soon, 8 days"),
                new Game(3, "soon, 6 days"), new Game(4, "31 days"), new Game(5, "29 days"), new Game(6, "failed, due"),
                new Game(7, "failed, later"), new Game(8, "never"), new Game(9, "never, newer"),
                new Game(10, "inactive")), NOW);
        db.execute("UPDATE games SET is_active = FALSE WHERE app_id = 10");
        describe(1, NOW.minus(Duration.ofDays(1)), false);
        describe(2, NOW.minus(Duration.ofDays(8)), true);
        describe(3, NOW.minus(Duration.ofDays(6)), true);
        describe(4, NOW.minus(Duration.ofDays(31)), false);
        describe(5, NOW.minus(Duration.ofDays(29)), false);
        database.storeDetails().storeDescriptions(List.of(
                new FetchOutcome.Failed<>(6, "HTTP 500", NOW.minusSeconds(3600), NOW.minusSeconds(60)),
                new FetchOutcome.Failed<>(7, "HTTP 500", NOW.minusSeconds(3600), NOW.plusSeconds(3600))));
        // reviews fetched for 8 do not make its description any less due
        database.storeDetails().storeReviews(List.of(
                new FetchOutcome.Fetched<>(8, new ReviewSummary(8, 0, "No user reviews", 0, 0, 0), NOW)));

        List<DueGame> due = database.storeDescriptionsDue().findDue(DueSelection.dueAt(NOW, 100));

        assertThat(due).extracting(DueGame::appId).containsExactly(9, 8, 6, 4, 2);
        assertThat(due).filteredOn(game -> game.appId() == 6).extracting(DueGame::fetchAttempts).containsExactly(1);
        assertThat(database.storeDescriptionsDue().countDue(DueSelection.dueAt(NOW, 100))).isEqualTo(5);
        assertThat(database.storeDescriptionsDue().findDue(DueSelection.dueAt(NOW, 2))).extracting(DueGame::appId)
                .containsExactly(9, 8);
        assertThat(database.storeDescriptionsDue().findDue(new DueSelection(DueSelection.Kind.FAILED, NOW, NOW, 100)))
                .extracting(DueGame::appId).containsExactlyInAnyOrder(6, 7);
        // reviews: only 8 was asked, just now
        assertThat(database.storeReviewsDue().findDue(DueSelection.dueAt(NOW, 100))).extracting(DueGame::appId)
                .containsExactly(9, 7, 6, 5, 4, 3, 2, 1);
        // a full refresh: everything not fetched since the run began
        assertThat(database.storeDescriptionsDue().countDue(new DueSelection(DueSelection.Kind.ALL, NOW,
                NOW.minusSeconds(1), 100))).isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aDescriptionIsDueOnceTheGamesStoreDataChangedAheadOfTheStaleOnes(String kind) {
        Instant dayAgo = NOW.minus(Duration.ofDays(1));
        open(kind).games().upsertGames(List.of(new Game(1, "changed since", NOW.minusSeconds(3600), 7L),
                new Game(2, "changed before", NOW.minus(Duration.ofDays(3)), 7L), new Game(3, "stale", null, null),
                new Game(4, "failed, due", null, null)), NOW);
        describe(1, dayAgo, false);
        describe(2, dayAgo, false);
        describe(3, NOW.minus(Duration.ofDays(40)), false);
        database.storeDetails().storeDescriptions(List.of(
                new FetchOutcome.Failed<>(4, "HTTP 500", NOW.minusSeconds(3600), NOW.minusSeconds(60))));
        database.storeDetails().storeReviews(List.of(
                new FetchOutcome.Fetched<>(1, new ReviewSummary(1, 0, "No user reviews", 0, 0, 0), dayAgo)));

        assertThat(database.storeDescriptionsDue().findDue(DueSelection.dueAt(NOW, 100))).extracting(DueGame::appId)
                .containsExactly(4, 1, 3);
        // a review summary does not follow the store data
        assertThat(database.storeReviewsDue().findDue(DueSelection.dueAt(NOW, 100))).extracting(DueGame::appId)
                .doesNotContain(1);
    }

    private void describe(int appId, Instant at, boolean comingSoon) {
        database.storeDetails().storeDescriptions(List.of(new FetchOutcome.Fetched<>(appId, portal(appId, comingSoon), at)));
    }
}
