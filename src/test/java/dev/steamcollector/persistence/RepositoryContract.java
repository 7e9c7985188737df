package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.CounterTotal;
import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.LockHolder;
import dev.steamcollector.model.MetadataUpdate.Failed;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.model.MetadataUpdate.NotFound;
import dev.steamcollector.model.NotificationCounts;
import dev.steamcollector.model.PagePass;
import dev.steamcollector.model.PriceChange;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.PriceSource;
import dev.steamcollector.model.QueuedNotification;
import dev.steamcollector.model.RememberedPace;
import dev.steamcollector.model.RunCheckpoint;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunRecord;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.model.StoredMetadata;
import dev.steamcollector.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Migrations and repositories behave the same on every supported database. */
abstract class RepositoryContract {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = T0.plus(1, ChronoUnit.HOURS);
    static final Instant T2 = T0.plus(2, ChronoUnit.HOURS);

    TestDatabase db;
    Database database;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void openAndMigrate() {
        db = newDatabase();
        database = Database.open(db.settings());
        database.migrations().apply();
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** Its tags are written as PostgreSQL's jsonb prints JSON, so they read back the same from both databases. */
    static GameMetadata metadata(int appId, String developer, Integer priceCents) {
        return new GameMetadata(appId, developer, "Pub", "1,000,000 .. 2,000,000", 1_000_000L, 2_000_000L,
                100, 5, null, 60, 0, 30, 0, 42, priceCents, 1999, 50, "Action", "English", "{\"FPS\": 10}");
    }

    static BitSet bits(int... appIds) {
        BitSet set = new BitSet();
        for (int id : appIds) {
            set.set(id);
        }
        return set;
    }

    @Nested
    class Migrations {

        @Test
        void createsEveryTableAndColumnOfTheContract() throws SQLException {
            assertThat(columns("games")).contains("app_id", "name", "created_at", "updated_at", "is_active",
                    "last_modified", "price_change_number");
            assertThat(columns("price_checks")).contains("app_id", "country", "price_change_number", "checked_at");
            assertThat(columns("game_metadata")).contains("app_id", "developer", "publisher", "owners_estimate",
                    "owners_min", "owners_max", "positive_reviews", "negative_reviews", "score_rank",
                    "average_playtime_forever", "average_playtime_2weeks", "median_playtime_forever",
                    "median_playtime_2weeks", "ccu", "price_cents", "initial_price_cents", "discount_percent",
                    "genre", "languages", "tags_json", "last_updated", "fetch_attempts", "fetch_status",
                    "last_error");
            assertThat(columns("price_history")).contains("app_id", "currency", "price_cents",
                    "initial_price_cents", "discount_percent", "source", "observed_at");
            assertThat(columns("collection_runs")).contains("id", "mode", "started_at", "finished_at", "status");
            assertThat(columns("endpoint_pace")).contains("endpoint", "pace_per_second", "limit_per_second",
                    "too_fast_per_second", "slowed_at", "updated_at");
        }

        @Test
        void aCurrentSchemaIsRecognisedWithoutMigrating() {
            database.migrations().applyIfBehind();
            assertThat(database.migrations().pending()).isFalse();
        }

        @Test
        void secondApplyRunsNothing() {
            assertThat(database.migrations().apply().applied()).isZero();
            assertThat(database.migrations().pending()).isFalse();
        }

        @Test
        void metadataRequiresAnExistingGame() {
            assertThatThrownBy(() -> database.metadata().upsert(List.of(new Fetched(metadata(5, "X", 1), T0))))
                    .isInstanceOf(RuntimeException.class);
            assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata")).isZero();
        }

        private Set<String> columns(String table) throws SQLException {
            Set<String> names = new LinkedHashSet<>();
            try (Connection connection = db.connect();
                    ResultSet rows = connection.getMetaData().getColumns(null, null, table, null)) {
                while (rows.next()) {
                    names.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return names;
        }
    }

    @Nested
    class Games {

        @Test
        void newGamesAreActiveWithPendingMetadata() {
            int added = database.games().upsertGames(List.of(new Game(10, "Counter-Strike"), new Game(20, "TFC")), T0);

            assertThat(added).isEqualTo(2);
            assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = TRUE")).isEqualTo(2);
            assertThat(database.metadata().countByStatus()).containsEntry(FetchStatus.PENDING, 2L);
        }

        @Test
        void upsertIsIdempotent() {
            List<Game> games = List.of(new Game(10, "Counter-Strike"), new Game(20, "TFC"));
            database.games().upsertGames(games, T0);

            int added = database.games().upsertGames(games, T1);

            assertThat(added).isZero();
            assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(2);
            assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata")).isEqualTo(2);
            assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE updated_at > created_at")).isZero();
        }

        @Test
        void updatesChangedNamesAndKeepsKnownNamesOverBlankOnes() {
            database.games().upsertGames(List.of(new Game(10, "Old"), new Game(20, "Kept")), T0);

            database.games().upsertGames(List.of(new Game(10, "New"), new Game(20, "")), T1);

            assertThat(db.queryString("SELECT name FROM games WHERE app_id = 10")).isEqualTo("New");
            assertThat(db.queryString("SELECT name FROM games WHERE app_id = 20")).isEqualTo("Kept");
        }

        @Test
        void everyGameGetsAPendingMetadataRowEvenOneStoredWithout() {
            database.games().upsertGames(List.of(new Game(10, "Listed")), T0);
            db.execute("INSERT INTO games (app_id, name, created_at, updated_at, is_active) "
                    + "VALUES (20, 'By hand', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE)");

            database.games().upsertGames(List.of(new Game(10, "Listed"), new Game(20, "By hand"), new Game(30, "New")), T1);

            assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'pending'")).isEqualTo(3);
        }

        @Test
        void aListOfManyBlocksIsStoredWholeWithEveryRowsOwnValues() {
            // 1,234 games: full blocks of the multi-row statements and a short one to end them
            List<Game> first = IntStream.rangeClosed(1, 1_234).mapToObj(id -> new Game(id * 10, "Game " + id,
                    T0.plusSeconds(id), (long) id)).toList();
            assertThat(database.games().upsertGames(first, T0)).isEqualTo(1_234);

            // every third renamed, then 567 new ones after them
            List<Game> second = IntStream.rangeClosed(1, 1_801).mapToObj(id -> new Game(id * 10,
                    id % 3 == 0 || id > 1_234 ? "Renamed " + id : "Game " + id, T0.plusSeconds(id), (long) id)).toList();
            assertThat(database.games().upsertGames(second, T1)).isEqualTo(567);

            assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(1_801);
            assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'pending'"))
                    .isEqualTo(1_801);
            assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE updated_at > created_at")).isEqualTo(1_234 / 3);
            assertThat(db.queryLong("SELECT SUM(price_change_number) FROM games")).isEqualTo(1_801L * 1_802 / 2);
            assertThat(db.queryString("SELECT name FROM games WHERE app_id = 12340")).isEqualTo("Game 1234");
            assertThat(db.queryString("SELECT name FROM games WHERE app_id = 12330")).isEqualTo("Renamed 1233");
            assertThat(db.queryString("SELECT name FROM games WHERE app_id = 18010")).isEqualTo("Renamed 1801");
            assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE last_modified IS NULL")).isZero();
        }

        @Test
        void keepsNamesInAnyScriptAndEmoji() {
            List<Game> games = List.of(new Game(10, "ポケモン 不思議のダンジョン"), new Game(20, "Café 🎮🔥"),
                    new Game(30, "Ведьмак 3 — 𝔇𝔦𝔳𝔦𝔫𝔢"));
            database.games().upsertGames(games, T0);
            database.metadata().upsert(List.of(new Fetched(new GameMetadata(10, "株式会社ポケモン", "任天堂 🍄",
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, "アクション",
                    "日本語, 한국어", "{\"ポケモン\":12,\"🎮\":3}"), T1)));

            for (Game game : games) {
                assertThat(db.queryString("SELECT name FROM games WHERE app_id = " + game.appId())).isEqualTo(game.name());
            }
            GameMetadata stored = database.metadata().find(10).orElseThrow().data();
            assertThat(stored.developer()).isEqualTo("株式会社ポケモン");
            assertThat(stored.publisher()).isEqualTo("任天堂 🍄");
            assertThat(stored.languages()).isEqualTo("日本語, 한국어");
            assertThat(stored.tagsJson()).contains("\"ポケモン\"", "\"🎮\"");
        }

        @Test
        void aRenameThatOnlyChangesCaseOrAnEmojiIsARename() {
            database.games().upsertGames(List.of(new Game(10, "Doom"), new Game(20, "Party 🎉")), T0);

            database.games().upsertGames(List.of(new Game(10, "DOOM"), new Game(20, "Party 🎈")), T1);

            assertThat(db.queryString("SELECT name FROM games WHERE app_id = 10")).isEqualTo("DOOM");
            assertThat(db.queryString("SELECT name FROM games WHERE app_id = 20")).isEqualTo("Party 🎈");
            assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE updated_at > created_at")).isEqualTo(2);
        }

        @Test
        void onlyTheGamesAListChangesAreWrittenWhateverItsOrder() {
            database.games().upsertGames(List.of(new Game(10, "A", T0, 1L), new Game(20, "B", T0, 2L),
                    new Game(30, "C", T0, 3L), new Game(40, "D", T0, 4L)), T0);

            // out of appid order, then in it with a game between two listed ones left out
            database.games().upsertGames(List.of(new Game(30, "C", T0, 5L), new Game(10, "A", T0, 1L)), T1);
            database.games().upsertGames(List.of(new Game(10, "A", null, null), new Game(20, "B", T1, 2L),
                    new Game(40, "D", T0, 4L)), T2);

            assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE updated_at > created_at")).isEqualTo(2);
            assertThat(db.queryLong("SELECT app_id FROM games WHERE updated_at = created_at AND app_id < 40"))
                    .isEqualTo(10);
            assertThat(db.queryLong("SELECT price_change_number FROM games WHERE app_id = 30")).isEqualTo(5);
            assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE last_modified IS NULL")).isZero();
        }

        @Test
        void aGameListedTwiceInOneBatchIsAddedOnceAndKeepsItsLastKnownName() {
            database.games().upsertGames(List.of(new Game(10, "First"), new Game(10, "Second"), new Game(10, "")), T0);

            assertThat(db.queryString("SELECT name FROM games WHERE app_id = 10")).isEqualTo("Second");
            assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'pending'")).isEqualTo(1);
        }

        @Test
        void reactivatesAGameThatReappears() {
            database.games().upsertGames(List.of(new Game(10, "Back")), T0);
            db.execute("UPDATE games SET is_active = FALSE WHERE app_id = 10");
            assertThat(database.games().countByActive()).isEqualTo(new GameRepository.ActiveCounts(0, 1));

            database.games().upsertGames(List.of(new Game(10, "Back")), T1);

            assertThat(database.games().countByActive()).isEqualTo(new GameRepository.ActiveCounts(1, 0));
        }

        @Test
        void keepsTheListsChangeNumbersAndNeverForgetsThemForAListWithout() {
            database.games().upsertGames(List.of(new Game(10, "Counter-Strike", T0, 100L)), T0);
            database.games().upsertGames(List.of(new Game(10, "Counter-Strike", T1, 105L)), T1);
            assertThat(database.games().findNewestLastModified()).contains(T1);
            assertThat(db.queryLong("SELECT price_change_number FROM games")).isEqualTo(105);

            database.games().upsertGames(List.of(new Game(10, "Counter-Strike")), T2);

            assertThat(database.games().findNewestLastModified()).contains(T1);
            assertThat(db.queryLong("SELECT price_change_number FROM games")).isEqualTo(105);
        }

        @Test
        void aGameMissingFromAListKeepsTheTimeItFirstWentMissingUntilItIsListedAgain() {
            database.games().upsertGames(List.of(new Game(10, "A"), new Game(20, "B")), T0);
            database.games().markMissing(bits(10, 20), T1);
            database.games().markMissing(bits(10), T2);
            assertThat(database.games().findMissingActiveAppIds()).isEqualTo(bits(10, 20));
            // marked at T1 both, and the second mark of 10 at T2 kept its first time
            assertThat(db.queryLong("SELECT COUNT(DISTINCT missing_since) FROM games")).isEqualTo(1);

            database.games().upsertGames(List.of(new Game(10, "A")), T2);
            database.games().deactivate(bits(20), T2);

            assertThat(database.games().findMissingActiveAppIds()).isEqualTo(new BitSet());
            assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE missing_since IS NOT NULL")).isZero();
        }

        @Test
        void countsTheGamesARunAdded() {
            List<Game> games = new ArrayList<>();
            for (int id = 1; id <= 1_234; id++) {
                games.add(new Game(id, "Game " + id));
            }
            int first = database.games().upsertGames(games, T0);
            games.add(new Game(5_000, "One more"));
            int second = database.games().upsertGames(games, T1);

            assertThat(first).isEqualTo(1_234);
            assertThat(second).isEqualTo(1);
            assertThat(database.games().countCreatedSince(T0)).isEqualTo(1_235);
            assertThat(database.games().countCreatedSince(T1)).isEqualTo(1);
            assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'pending'"))
                    .isEqualTo(1_235);
        }
    }

    @Nested
    class Metadata {

        @BeforeEach
        void games() {
            database.games().upsertGames(List.of(new Game(10, "Counter-Strike"), new Game(20, "TFC")), T0);
        }

        @Test
        void storesFetchedDataAndReadsItBack() {
            GameMetadata data = metadata(10, "Valve", 999);
            database.metadata().upsert(List.of(new Fetched(data, T1)));

            StoredMetadata stored = database.metadata().find(10).orElseThrow();

            assertThat(stored.data()).isEqualTo(data);
            assertThat(stored.status()).isEqualTo(FetchStatus.SUCCESS);
            assertThat(stored.fetchAttempts()).isZero();
            assertThat(stored.lastUpdated()).isEqualTo(T1);
        }

        @Test
        void aFailureKeepsEveryStoredValueAndOnlyUpdatesTheBookkeeping() {
            GameMetadata data = metadata(10, "Valve", 999);
            database.metadata().upsert(List.of(new Fetched(data, T1)));

            database.metadata().upsert(List.of(new Failed(10, "HTTP 500", T2, T2.plusSeconds(600))));
            database.metadata().upsert(List.of(new Failed(10, "timeout", T2, T2.plusSeconds(1200))));

            StoredMetadata stored = database.metadata().find(10).orElseThrow();
            assertThat(stored.data()).isEqualTo(data);
            assertThat(stored.lastUpdated()).isEqualTo(T1);
            assertThat(stored.status()).isEqualTo(FetchStatus.FAILED);
            assertThat(stored.fetchAttempts()).isEqualTo(2);
            assertThat(stored.lastError()).isEqualTo("timeout");
        }

        @Test
        void aNotFoundKeepsStoredValues() {
            GameMetadata data = metadata(10, "Valve", 999);
            database.metadata().upsert(List.of(new Fetched(data, T1)));

            database.metadata().upsert(List.of(new NotFound(10, T2)));

            StoredMetadata stored = database.metadata().find(10).orElseThrow();
            assertThat(stored.data()).isEqualTo(data);
            assertThat(stored.status()).isEqualTo(FetchStatus.NOT_FOUND);
        }

        @Test
        void successAfterFailuresResetsTheAttempts() {
            database.metadata().upsert(List.of(new Failed(10, "HTTP 503", T1, T2)));

            database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), T2)));

            StoredMetadata stored = database.metadata().find(10).orElseThrow();
            assertThat(stored.status()).isEqualTo(FetchStatus.SUCCESS);
            assertThat(stored.fetchAttempts()).isZero();
            assertThat(stored.lastError()).isNull();
        }

        @Test
        void aDetailsBatchIsOneTransaction() {
            // a price for an unknown game breaks the foreign key: the batch's metadata must not stay either
            PriceObservation orphan = new PriceObservation(99_999, "USD", 100, 100, 0, PriceSource.STEAMSPY);

            assertThatThrownBy(() -> database.detailsBatches().store(
                    List.of(new Fetched(metadata(10, "Valve", 999), T1)), List.of(), List.of(orphan), T1,
                    change -> Optional.empty(), Optional.empty())).isInstanceOf(RuntimeException.class);

            assertThat(database.metadata().find(10).orElseThrow().status()).isEqualTo(FetchStatus.PENDING);
            assertThat(db.queryLong("SELECT COUNT(*) FROM price_history")).isZero();
        }

        @Test
        void lastUpdatedMovesOnlyWhenAValueChanges() {
            database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), T0)));

            database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), T1)));
            assertThat(database.metadata().find(10).orElseThrow().lastUpdated()).isEqualTo(T0);

            database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 499), T2)));
            assertThat(database.metadata().find(10).orElseThrow().lastUpdated()).isEqualTo(T2);
        }

        @Test
        void countDueCountsWhatFindDueWouldReturn() {
            database.games().upsertGames(List.of(new Game(30, "DoD"), new Game(40, "DMC"), new Game(50, "Gone")), T0);
            database.games().deactivate(bits(50), T0);
            database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), T0),
                    new Failed(20, "HTTP 500", T0, T2), new NotFound(30, T1)));

            // at T1 with details stale before T1: 10 (fetched at T0) and 40 (pending); 20 waits until T2,
            // 30 is fresh, 50 is inactive
            DueSelection due = new DueSelection(DueSelection.Kind.DUE, T1, T1, 2);
            DueSelection failed = new DueSelection(DueSelection.Kind.FAILED, T1, T1, 100);
            DueSelection all = new DueSelection(DueSelection.Kind.ALL, T1, T2, 100);

            assertThat(database.metadata().countDue(due)).isEqualTo(2);
            assertThat(database.metadata().findDue(due)).extracting(DueGame::appId).containsExactly(40, 10);
            assertThat(database.metadata().countDue(failed)).isEqualTo(1);
            assertThat(database.metadata().countDue(all)).isEqualTo(database.metadata().findDue(all).size()).isEqualTo(4);
            assertThat(database.metadata().countDue(new DueSelection(DueSelection.Kind.DUE, T1, T1, 1)))
                    .as("the limit caps what is fetched, not what is due").isEqualTo(2);
        }

        @Test
        void gamesWhoseStoreDataChangedSinceTheirDetailsComeBeforeMerelyStaleOnes() {
            database.games().upsertGames(List.of(new Game(30, "DoD"), new Game(40, "DMC")), T0);
            // 10 is the stalest; 30 changed (last_modified T2) after its fetch at T1; 40 changed before its fetch
            database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), T0),
                    new Fetched(metadata(20, "Valve", 999), T0.plusSeconds(60)),
                    new Fetched(metadata(30, "Valve", 999), T1), new Fetched(metadata(40, "Valve", 999), T1)));
            database.games().upsertGames(List.of(new Game(30, "DoD", T2, 5L), new Game(40, "DMC", T0, 6L)), T2);
            Instant later = T2.plus(1, ChronoUnit.DAYS);

            List<DueGame> due = database.metadata().findDue(DueSelection.dueAt(later, 10));

            assertThat(due).extracting(DueGame::appId).containsExactly(30, 10, 20, 40);
            assertThat(database.metadata().countChangedSinceDetails()).isEqualTo(1);
            assertThat(database.games().findNewestLastModified()).contains(T2);
        }


        @Test
        void rerunningABatchNeverDuplicates() {
            var batch = List.of(new Fetched(metadata(10, "Valve", 999), T1), new Failed(20, "HTTP 500", T1, T2));
            database.metadata().upsert(batch);
            database.metadata().upsert(batch);

            assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata")).isEqualTo(2);
            assertThat(database.metadata().countByStatus())
                    .containsEntry(FetchStatus.SUCCESS, 1L)
                    .containsEntry(FetchStatus.FAILED, 1L)
                    .containsEntry(FetchStatus.PENDING, 0L);
        }
    }

    @Nested
    class Runs {

        @Test
        void recordsARunFromStartToFinish() {
            long id = database.runs().start("incremental", 4242, "droplet", T0);
            database.runs().updateCounters(id, new RunCounters(100, 10, 0, 5, 4, 1, 0, 6, 1, 0));
            assertThat(database.runs().findLatest(1).getFirst().status()).isEqualTo(RunStatus.RUNNING);

            RunCounters counters = new RunCounters(100, 10, 2, 50, 45, 3, 2, 60, 4, 1);
            database.runs().finish(id, RunStatus.SUCCEEDED, counters, null, T1);

            RunRecord run = database.runs().findLatest(1).getFirst();
            assertThat(run.id()).isEqualTo(id);
            assertThat(run.mode()).isEqualTo("incremental");
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.startedAt()).isEqualTo(T0);
            assertThat(run.finishedAt()).isEqualTo(T1);
            assertThat(run.counters()).isEqualTo(counters);
        }

        @Test
        void listsTheLatestRunsNewestFirst() {
            database.runs().start("full-refresh", 1, "a", T0);
            database.runs().start("incremental", 2, "a", T2);
            database.runs().start("retry-failed", 3, "a", T1);

            assertThat(database.runs().findLatest(2)).extracting(RunRecord::mode)
                    .containsExactly("incremental", "retry-failed");
        }

        @Test
        void aDetailsBatchCommitsTheRunsCountersWithIt() {
            database.games().upsertGames(List.of(new Game(10, "A"), new Game(20, "B")), T0);
            long id = database.runs().start("incremental", 4242, "droplet", T0);
            RunCounters counters = new RunCounters(2, 2, 0, 2, 1, 1, 0, 0, 0, 0);

            database.detailsBatches().store(List.of(new Fetched(metadata(10, "Valve", 999), T1), new NotFound(20, T1)),
                    List.of(), List.of(), T1, change -> Optional.empty(), Optional.of(new RunCheckpoint(id, counters)));

            assertThat(database.runs().findLatest(1).getFirst().counters()).isEqualTo(counters);
        }

        @Test
        void aFailedDetailsBatchLeavesTheRunsCountersAsTheyWere() {
            long id = database.runs().start("incremental", 4242, "droplet", T0);
            PriceObservation orphan = new PriceObservation(99_999, "USD", 100, 100, 0, PriceSource.STEAMSPY);

            assertThatThrownBy(() -> database.detailsBatches().store(
                    List.of(new Fetched(metadata(10, "Valve", 999), T1)), List.of(), List.of(orphan), T1,
                    change -> Optional.empty(),
                    Optional.of(new RunCheckpoint(id, new RunCounters(0, 0, 0, 1, 1, 0, 0, 0, 0, 0)))))
                    .isInstanceOf(RuntimeException.class);

            assertThat(database.runs().findLatest(1).getFirst().counters()).isEqualTo(RunCounters.NONE);
        }

        @Test
        void savingProgressNeverLowersACounter() {
            long id = database.runs().start("incremental", 4242, "droplet", T0);
            database.runs().updateCounters(id, new RunCounters(100, 10, 0, 50, 45, 3, 2, 60, 4, 1));

            // a snapshot taken just before a batch committed its counters, saved just after it
            database.runs().updateCounters(id, new RunCounters(100, 10, 0, 40, 36, 2, 2, 70, 5, 1));

            assertThat(database.runs().findLatest(1).getFirst().counters())
                    .isEqualTo(new RunCounters(100, 10, 0, 50, 45, 3, 2, 70, 5, 1));
        }
    }

    /**
     * Timestamps keep their milliseconds through every path (Hibernate entities and native SQL), and
     * every comparison of timestamps in SQL holds to the millisecond: due selection, run order,
     * new games of a run, lock staleness.
     */
    @Nested
    class Timestamps {

        static final Instant AT = Instant.parse("2026-11-29T16:12:51.118Z");
        static final Instant JUST_AFTER = AT.plusMillis(1);

        @Test
        void nativeAndEntityWritesReadBackToTheMillisecond() {
            database.games().upsertGames(List.of(new Game(10, "X")), AT);
            database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), AT)));
            long id = database.runs().start("incremental", 1, "a", AT);
            database.runs().finish(id, RunStatus.SUCCEEDED, new RunCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), null,
                    JUST_AFTER);

            assertThat(database.metadata().find(10).orElseThrow().lastUpdated()).isEqualTo(AT);
            RunRecord run = database.runs().findLatest(1).getFirst();
            assertThat(run.startedAt()).isEqualTo(AT);
            assertThat(run.finishedAt()).isEqualTo(JUST_AFTER);
        }

        @Test
        void newGamesOfARunAreCountedToTheMillisecond() {
            database.games().upsertGames(List.of(new Game(10, "Old")), AT);
            database.games().upsertGames(List.of(new Game(20, "New")), JUST_AFTER);

            assertThat(database.games().countCreatedSince(JUST_AFTER)).isEqualTo(1);
            assertThat(database.games().countCreatedSince(AT)).isEqualTo(2);
        }

        @Test
        void dueSelectionComparesToTheMillisecond() {
            database.games().upsertGames(List.of(new Game(10, "Fetched"), new Game(20, "Failed")), AT);
            database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), AT),
                    new Failed(20, "HTTP 500", AT, JUST_AFTER)));

            // fetched at AT: stale only for a cut-off after AT; failed: due once its retry time has come
            assertThat(database.metadata().findDue(new DueSelection(DueSelection.Kind.DUE, AT, AT, 10))).isEmpty();
            assertThat(database.metadata().findDue(new DueSelection(DueSelection.Kind.DUE, JUST_AFTER, JUST_AFTER,
                    10))).extracting(DueGame::appId).containsExactly(20, 10);
            assertThat(database.metadata().countDue(new DueSelection(DueSelection.Kind.ALL, AT, JUST_AFTER, 10)))
                    .isEqualTo(2);
        }

        @Test
        void theLatestRunsAreOrderedToTheMillisecond() {
            database.runs().start("first", 1, "a", AT);
            database.runs().start("second", 2, "a", JUST_AFTER);

            assertThat(database.runs().findLatest(2)).extracting(RunRecord::mode).containsExactly("second", "first");
        }

        @Test
        void aHeartbeatOlderThanTheCutOffIsStaleToTheMillisecond() {
            var holder = new LockHolder(4242, "other-host", "incremental", AT, AT);
            var me = new LockHolder(1, "my-host", "incremental", JUST_AFTER, JUST_AFTER);
            assertThat(database.locks().tryAcquire("run", holder, AT, pid -> true)).isEmpty();
            database.locks().heartbeat("run", 4242, JUST_AFTER);

            assertThat(database.locks().tryAcquire("run", me, JUST_AFTER, pid -> true))
                    .as("a heartbeat at the cut-off is fresh").map(h -> h.heartbeatAt()).contains(JUST_AFTER);
            assertThat(database.locks().tryAcquire("run", me, JUST_AFTER.plusMillis(1), pid -> true))
                    .as("a heartbeat before the cut-off is a dead holder's").isEmpty();
        }

        @Test
        void closingAbandonedRunsStampsThemToTheMillisecond() {
            database.runs().start("incremental", 1, "a", AT);

            assertThat(database.runs().closeAbandoned(JUST_AFTER)).isEqualTo(1);
            assertThat(database.runs().findLatest(1).getFirst().finishedAt()).isEqualTo(JUST_AFTER);
        }
    }

    @Nested
    class LocksAndPagePasses {

        static final LockHolder ME = new LockHolder(100, "droplet", "incremental", T1, T1);

        @Test
        void aLiveHolderKeepsTheLockAndAStaleOneLosesIt() {
            assertThat(database.locks().tryAcquire("collector", ME, T0, pid -> true)).isEmpty();

            LockHolder other = new LockHolder(200, "droplet", "prices", T1, T1);
            assertThat(database.locks().tryAcquire("collector", other, T0, pid -> true)).contains(ME);

            database.locks().heartbeat("collector", ME.pid(), T2);
            assertThat(database.locks().tryAcquire("collector", other, T2.plusSeconds(1), pid -> true))
                    .as("a heartbeat older than the stale mark is a dead holder's").isEmpty();
            assertThat(database.locks().tryAcquire("collector", ME, T0, pid -> true)).contains(other);

            database.locks().release("collector", other.pid());
            assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
        }

        @Test
        void aPagePassIsSavedAndMovedOn() {
            assertThat(database.pagePasses().find()).isEmpty();

            database.pagePasses().save(new PagePass(3, T0, null), T1);
            assertThat(database.pagePasses().find()).contains(new PagePass(3, T0, null));

            database.pagePasses().save(new PagePass(80, T0, T2), T2);
            assertThat(database.pagePasses().find()).contains(new PagePass(80, T0, T2));
            assertThat(db.queryLong("SELECT COUNT(*) FROM page_passes")).isEqualTo(1);
        }
    }

    @Nested
    class Prices {

        @BeforeEach
        void games() {
            database.games().upsertGames(List.of(new Game(10, "ポケモン"), new Game(20, "TFC")), T0);
        }

        private List<PriceChange> record(Instant at, PriceObservation... observations) {
            return database.prices().record(List.of(observations), at,
                    change -> change.previous().map(previous -> new Announcement(Announcement.Kind.PRICE_DROP, change)));
        }

        @Test
        void aSeriesGetsARowOnlyWhenThePriceChangesAndEachDropIsQueuedOnce() {
            PriceObservation full = new PriceObservation(10, "USD", 1999, 1999, 0, PriceSource.STORE);
            PriceObservation cut = new PriceObservation(10, "USD", 999, 1999, 50, PriceSource.STORE);
            PriceObservation cutSeenBySteamSpy = new PriceObservation(10, "USD", 999, 1999, 50, PriceSource.STEAMSPY);

            assertThat(record(T0, full)).hasSize(1);
            assertThat(record(T0.plusSeconds(60), full)).isEmpty();
            assertThat(record(T1, cut)).hasSize(1);
            record(T1, new PriceObservation(10, "USD", 1999, 1999, 0, PriceSource.STEAMSPY));
            assertThat(record(T2, cutSeenBySteamSpy)).hasSize(1);

            assertThat(db.queryLong("SELECT COUNT(*) FROM price_history")).isEqualTo(4);
            List<QueuedNotification> queued = database.notifications().findQueued(10, T0);
            assertThat(queued).as("the same change seen by both sources on one day is announced once")
                    .singleElement()
                    .satisfies(n -> {
                        assertThat(n.gameName()).isEqualTo("ポケモン");
                        assertThat(n.oldPriceCents()).isEqualTo(1999);
                        assertThat(n.newPriceCents()).isEqualTo(999);
                    });

            List<Long> ids = List.of(queued.getFirst().id());
            assertThat(database.notifications().claim(ids, "me", T2, T0)).isEqualTo(ids);
            database.notifications().markSent(ids, "me", false, T2);
            assertThat(database.notifications().countQueued()).isZero();
            assertThat(db.queryString("SELECT outcome FROM notifications")).isEqualTo("sent");
        }

        @Test
        void aLiveClaimKeepsOthersOffAStaleOneIsTakenOverAndARefusedMessageIsSetAside() {
            record(T0, new PriceObservation(10, "USD", 1999, 1999, 0, PriceSource.STORE),
                    new PriceObservation(20, "USD", 500, 500, 0, PriceSource.STORE));
            record(T1, new PriceObservation(10, "USD", 999, 1999, 50, PriceSource.STORE),
                    new PriceObservation(20, "USD", 250, 500, 50, PriceSource.STORE));
            List<Long> ids = database.notifications().findQueued(10, T0).stream().map(QueuedNotification::id).toList();
            assertThat(ids).hasSize(2);

            assertThat(database.notifications().claim(ids, "one", T1, T0)).isEqualTo(ids);
            assertThat(database.notifications().claim(ids, "two", T1, T0)).as("claimed by a live poster").isEmpty();
            assertThat(database.notifications().findQueued(10, T0)).isEmpty();
            assertThat(database.notifications().claim(ids, "two", T2, T2)).as("a stale claim").isEqualTo(ids);

            database.notifications().setAside(ids.getFirst(), "one", "no longer its claim", T2);
            database.notifications().setAside(ids.getFirst(), "two", "Cannot send an empty message", T2);
            database.notifications().release(List.of(ids.getLast()), "two");

            assertThat(database.notifications().counts())
                    .isEqualTo(new NotificationCounts(1, 1, Optional.of("Cannot send an empty message")));
            assertThat(database.notifications().findQueued(10, T0)).extracting(QueuedNotification::id)
                    .containsExactly(ids.getLast());
            assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome = 'refused'"
                    + " AND refused_at IS NOT NULL AND claimed_by = 'two'")).isEqualTo(1);
        }
    }

    @Nested
    class Paces {

        @Test
        void remembersEachEndpointsPaceAndReplacesIt() {
            RememberedPace slowed = new RememberedPace("steamspy", 0.75, 1.0, OptionalDouble.of(0.9),
                    Optional.of(T0), T1);
            RememberedPace full = new RememberedPace("store", 0.6667, 0.6667, OptionalDouble.empty(), Optional.empty(), T1);
            assertThat(database.paces().findAll()).isEmpty();

            database.paces().save(List.of(slowed, full));
            assertThat(database.paces().findAll()).containsExactly(slowed, full);

            RememberedPace climbed = new RememberedPace("steamspy", 0.95, 1.0, OptionalDouble.empty(), Optional.of(T0), T2);
            database.paces().save(List.of(climbed));
            assertThat(database.paces().findAll()).containsExactly(climbed, full);
        }

        @Test
        void savingNothingChangesNothing() {
            database.paces().save(List.of());
            assertThat(database.paces().findAll()).isEmpty();
        }
    }

    @Nested
    class MetricTotals {

        @Test
        void eachCommandsSeriesGrowAcrossRuns() {
            Map<String, String> store200 = Map.of("status", "200", "endpoint", "store");
            database.metricTotals().add("prices", List.of(new CounterTotal("steam_api_requests_total", store200, 3),
                    new CounterTotal("steam_games_processed_total", Map.of(), 1.5)), T0);
            database.metricTotals().add("prices", List.of(new CounterTotal("steam_api_requests_total", store200, 2)), T1);
            database.metricTotals().add("collect", List.of(new CounterTotal("steam_api_requests_total", store200, 7)), T1);

            assertThat(database.metricTotals().find("prices")).containsExactlyInAnyOrder(
                    new CounterTotal("steam_api_requests_total", store200, 5),
                    new CounterTotal("steam_games_processed_total", Map.of(), 1.5));
            assertThat(database.metricTotals().find("collect"))
                    .containsExactly(new CounterTotal("steam_api_requests_total", store200, 7));
            assertThat(db.queryString("SELECT labels FROM metric_totals WHERE command = 'prices' AND value = 5"))
                    .isEqualTo("endpoint=\"store\",status=\"200\"");
        }
    }
}
