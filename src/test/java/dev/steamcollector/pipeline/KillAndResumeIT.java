package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.steamcollector.cli.ExitCodes;
import dev.steamcollector.testing.JarProcess;
import dev.steamcollector.testing.RunsAlone;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.CatalogueFake;
import dev.steamcollector.testing.StoreDetailsFake;
import dev.steamcollector.testing.StoreFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code collect} processes, started from the built jar, killed with SIGKILL, stopped with
 * SIGTERM and run twice at once against one SQLite database: the database is the checkpoint.
 */
class KillAndResumeIT {

    static final int GAMES = 600;
    static final int BATCH_SIZE = 20;
    static final int WORKERS = 4;
    static final List<Integer> APP_IDS = IntStream.range(0, GAMES).map(i -> 10_000 + 10 * i).boxed().toList();
    static final String DETAILS = ",\"languages\":\"English\",\"genre\":\"Indie\",\"tags\":{\"Indie\":10}";
    static final String SUCCEEDED = "SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'success'";
    static final String DESCRIBED = "SELECT COUNT(*) FROM store_details WHERE fetch_status IN ('success', 'not_found')";
    static final String PRICED = "SELECT COUNT(*) FROM price_checks WHERE country = 'us'";
    static final String CATALOGUED = "SELECT COUNT(*) FROM store_details WHERE catalogue_status IN ('success', 'not_found')";
    static final StoreFake STORE = new StoreFake();
    static final CatalogueFake CATALOGUE = new CatalogueFake();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new StoreDetailsFake.Answers(), STORE, CATALOGUE)).build();

    @TempDir
    Path directory;

    private TestDatabase db;
    private final List<JarProcess> children = new ArrayList<>();

    /** SteamSpy without a key: one page of {@value #GAMES} games, an empty page after it, details for each. */
    @BeforeEach
    void steamSpyTracksSixHundredGames() {
        db = TestDatabase.sqlite(directory);
        String page = APP_IDS.stream().map(id -> "\"" + id + "\":" + SteamSpyFake.record(id, ""))
                .collect(Collectors.joining(",", "{", "}"));
        server.stubFor(SteamSpyFake.request("all").withQueryParam("page", equalTo("0")).willReturn(okJson(page)));
        server.stubFor(SteamSpyFake.request("all").withQueryParam("page", equalTo("1")).willReturn(okJson("{}")));
        for (int id : APP_IDS) {
            server.stubFor(SteamSpyFake.request("appdetails").withQueryParam("appid", equalTo(String.valueOf(id)))
                    .willReturn(okJson(SteamSpyFake.record(id, DETAILS))));
        }
    }

    @AfterEach
    void noChildOutlivesItsTest() {
        children.forEach(JarProcess::close);
    }

    @Test
    void aKilledRunResumesWithoutLosingOrDuplicating() {
        JarProcess killed = start("killed", fastSteamSpy());
        awaitCount(killed, SUCCEEDED, n -> n >= 150, "150 games' details committed");

        killed.signal("KILL");
        assertThat(killed.awaitExit(Duration.ofSeconds(10))).as(killed::describe).isEqualTo(128 + 9);
        long committed = db.queryLong(SUCCEEDED);
        int requestedByKilled = detailsRequests().size();
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs")).as("the killed run's count of successes")
                .isEqualTo(committed);
        assertThat(db.queryLong("SELECT games_processed FROM collection_runs")).as("the killed run's count of games")
                .isEqualTo(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status <> 'pending'"));
        assertThat(db.queryLong("SELECT pid FROM run_locks")).as("the dead run's lock is left behind")
                .isEqualTo(killed.pid());

        JarProcess rerun = start("rerun", fastSteamSpy());
        assertThat(rerun.awaitExit(Duration.ofSeconds(60))).as(rerun::describe).isEqualTo(ExitCodes.DONE);

        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).as(rerun::describe).isEqualTo(GAMES);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata")).isEqualTo(GAMES);
        assertThat(db.queryLong(SUCCEEDED)).as(rerun::describe).isEqualTo(GAMES);
        assertThat(db.queryLong("SELECT COUNT(DISTINCT app_id) FROM game_metadata")).isEqualTo(GAMES);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE genre = 'Indie' AND languages = 'English'"))
                .isEqualTo(GAMES);

        // the rerun fetched exactly the games the killed run had not committed, and no game more than twice
        List<String> requested = detailsRequests();
        assertThat(requested.size() - requestedByKilled).as("details requests of the rerun")
                .isEqualTo(GAMES - committed);
        Map<String, Long> perGame = requested.stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(perGame.keySet()).as("every game's details requested")
                .isEqualTo(APP_IDS.stream().map(String::valueOf).collect(Collectors.toSet()));
        assertThat(perGame.values()).as("requests per game").allMatch(count -> count <= 2);
        // on an empty database the details wait for the page pass to bring the games, so the rerun skips it
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api.php"))
                .withQueryParam("request", equalTo("all")).withQueryParam("page", equalTo("0")))).hasSize(1);

        assertThat(db.queryLong("SELECT COUNT(*) FROM collection_runs")).isEqualTo(2);
        // the rerun, holding the lock, closed the killed run's record
        assertThat(db.queryString("SELECT status FROM collection_runs ORDER BY id LIMIT 1")).isEqualTo("interrupted");
        assertThat(db.queryString("SELECT message FROM collection_runs ORDER BY id LIMIT 1")).contains("killed");
        assertThat(db.queryString("SELECT status FROM collection_runs ORDER BY id DESC LIMIT 1"))
                .isEqualTo("succeeded");
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs ORDER BY id DESC LIMIT 1"))
                .isEqualTo(GAMES - committed);
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).as("the rerun released the lock it took over")
                .isZero();
    }

    @Test
    void sigtermFinishesInFlightWorkAndExits143() {
        JarProcess child = start("terminated", fastSteamSpy());
        awaitCount(child, SUCCEEDED, n -> n >= 100, "100 games' details committed");

        child.signal("TERM");

        assertThat(child.awaitExit(Duration.ofSeconds(20))).as(child::describe).isEqualTo(ExitCodes.TERMINATED);
        long succeeded = db.queryLong(SUCCEEDED);
        assertThat(succeeded).as("stopped before the end").isLessThan(GAMES);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'failed'"))
                .as("in-flight requests finished rather than failing").isZero();
        assertThat(db.queryString("SELECT status FROM collection_runs ORDER BY id DESC LIMIT 1")).as(child::describe)
                .isEqualTo("interrupted");
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs ORDER BY id DESC LIMIT 1"))
                .as("the run's count of successes matches what it committed").isEqualTo(succeeded);
        assertThat(db.queryLong("SELECT COUNT(*) FROM collection_runs WHERE finished_at IS NULL")).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }

    @RunsAlone("the second run timed from its start to its exit")
    @Test
    void aSecondRunExits75NamingTheFirst() {
        // slow details keep the first run going for a minute, long after the second has given up
        Map<String, String> slow = Map.of("STEAMSPY_API_LIMIT", "10/second", "MAX_WORKERS", String.valueOf(WORKERS),
                "BATCH_SIZE", String.valueOf(BATCH_SIZE));
        JarProcess first = start("first", slow);
        awaitCount(first, "SELECT COUNT(*) FROM run_locks", n -> n >= 1, "the run lock taken");
        // and past its own start-up, so the two JVMs do not compete for the CPU while the second is timed
        awaitCount(first, SUCCEEDED, n -> n >= BATCH_SIZE, "the first batch committed");

        long startedAt = System.nanoTime();
        JarProcess second = start("second", slow);
        int secondExit = second.awaitExit(Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

        assertThat(secondExit).as(second::describe).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(took).as("time until the second run gave up").isLessThan(Duration.ofSeconds(5));
        assertThat(second.err()).contains("pid " + first.pid());
        assertThat(first.isAlive()).as(first::describe).isTrue();
        assertThat(db.queryLong("SELECT pid FROM run_locks")).as("the lock still names the first run")
                .isEqualTo(first.pid());

        first.signal("TERM");
        assertThat(first.awaitExit(Duration.ofSeconds(20))).as(first::describe).isEqualTo(ExitCodes.TERMINATED);
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }

    @Test
    void aKilledRunWithStoreDetailsResumesWithoutLosingOrDuplicating() {
        StoreDetailsFake store = new StoreDetailsFake(server);
        store.serve();
        JarProcess killed = start("killed", withStoreDetails(fastSteamSpy(), "100/second"));
        awaitCount(killed, DESCRIBED, n -> n >= 150, "150 games' Store descriptions committed");

        killed.signal("KILL");
        assertThat(killed.awaitExit(Duration.ofSeconds(10))).as(killed::describe).isEqualTo(128 + 9);
        long committed = db.queryLong(DESCRIBED);
        int requestedByKilled = store.descriptionRequests();

        JarProcess rerun = start("rerun", withStoreDetails(fastSteamSpy(), "100/second"));
        assertThat(rerun.awaitExit(Duration.ofSeconds(60))).as(rerun::describe).isEqualTo(ExitCodes.DONE);

        assertThat(db.queryLong(DESCRIBED)).as(rerun::describe).isEqualTo(GAMES);
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_details WHERE reviews_fetch_status IN ('success', 'not_found')"))
                .isEqualTo(GAMES);
        assertThat(db.queryLong(SUCCEEDED)).isEqualTo(GAMES);
        // the rerun asked the Store about exactly the games the killed run had not committed
        List<String> requested = store.descriptionRequestAppIds();
        assertThat(requested.size() - requestedByKilled).as("description requests of the rerun")
                .isEqualTo(GAMES - committed);
        Map<String, Long> perGame = requested.stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(perGame.keySet()).isEqualTo(APP_IDS.stream().map(String::valueOf).collect(Collectors.toSet()));
        assertThat(perGame.values()).as("requests per game").allMatch(count -> count <= 2);
    }

    @Test
    void aKilledCataloguePassResumesWithoutLosingOrDuplicating() {
        new StoreDetailsFake(server).serve();
        CATALOGUE.serveOn(server);
        Map<String, String> settings = new HashMap<>(withStoreDetails(fastSteamSpy(), "100/second"));
        // a request's 20 games are one batch: a kill loses at most the answer being committed
        settings.putAll(Map.of("STORE_CATALOGUE", "true", "STORE_CATALOGUE_BATCH", "20",
                "STORE_CATALOGUE_API_LIMIT", "4/second"));
        int askedBefore = CATALOGUE.idsAsked();
        JarProcess killed = start("killed", settings);
        awaitCount(killed, CATALOGUED, n -> n >= 200, "200 games described by the catalogue");

        killed.signal("KILL");
        assertThat(killed.awaitExit(Duration.ofSeconds(10))).as(killed::describe).isEqualTo(128 + 9);
        long committed = db.queryLong(CATALOGUED);
        assertThat(committed).as("stopped before the end").isLessThan(GAMES);
        int askedByKilled = CATALOGUE.idsAsked() - askedBefore;

        JarProcess rerun = start("rerun", settings);
        assertThat(rerun.awaitExit(Duration.ofSeconds(90))).as(rerun::describe).isEqualTo(ExitCodes.DONE);

        assertThat(db.queryLong(CATALOGUED)).as(rerun::describe).isEqualTo(GAMES);
        // the rerun asked the catalogue about exactly the games the killed run had not committed
        assertThat(CATALOGUE.idsAsked() - askedBefore - askedByKilled).as("games asked by the rerun")
                .isEqualTo(GAMES - committed);
        assertThat(askedByKilled - committed).as("games asked but not committed by the killed run")
                .isLessThanOrEqualTo(WORKERS * 20L);
    }

    @Test
    void sigtermWithStoreDetailsCommitsEveryAnswerAndExits143() {
        StoreDetailsFake store = new StoreDetailsFake(server);
        store.serve();
        JarProcess child = start("terminated", withStoreDetails(fastSteamSpy(), "40/second"));
        awaitCount(child, DESCRIBED, n -> n >= 60, "60 games' Store descriptions committed");

        child.signal("TERM");

        assertThat(child.awaitExit(Duration.ofSeconds(20))).as(child::describe).isEqualTo(ExitCodes.TERMINATED);
        long described = db.queryLong(DESCRIBED);
        assertThat(described).as("stopped before the end").isLessThan(GAMES);
        // every answer the Store gave, in flight at the signal or not, was committed
        assertThat(described).isEqualTo(store.descriptionRequests());
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_details WHERE reviews_fetch_status <> 'pending'"))
                .isEqualTo(store.reviewRequests());
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_details WHERE fetch_status = 'failed'"
                + " OR reviews_fetch_status = 'failed'")).isZero();
        assertThat(db.queryString("SELECT status FROM collection_runs ORDER BY id DESC LIMIT 1")).as(child::describe)
                .isEqualTo("interrupted");
    }

    /** {@code settings} with the Store details on, Store and review summaries at {@code limit}. */
    @Test
    void aKilledPricesRunRecordsTheGamesItCommitted() {
        db.migrated(directory).withGames(APP_IDS);
        STORE.serve(server);
        APP_IDS.forEach(id -> STORE.answer("us", id, StoreFake.priced("USD", 1999, 999, 50)));
        JarProcess killed = start("killed", Map.of("STEAM_STORE_API_LIMIT", "20/second", "STORE_COUNTRY_CODES", "us"),
                "prices", "--per-request", "10");
        awaitCount(killed, PRICED, n -> n >= 100, "100 games' prices committed");

        killed.signal("KILL");
        assertThat(killed.awaitExit(Duration.ofSeconds(10))).as(killed::describe).isEqualTo(128 + 9);
        long committed = db.queryLong(PRICED);
        assertThat(committed).as("stopped before the end").isLessThan(GAMES);
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_history WHERE source = 'store'")).isEqualTo(committed);
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs")).as("the killed run's count of successes")
                .isEqualTo(committed);
        assertThat(db.queryLong("SELECT games_processed FROM collection_runs")).as("the killed run's count of games")
                .isEqualTo(committed);
    }

    private static Map<String, String> withStoreDetails(Map<String, String> settings, String limit) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("STORE_DETAILS", "true");
        all.put("STEAM_STORE_API_LIMIT", limit);
        all.put("STEAM_REVIEWS_API_LIMIT", limit);
        return all;
    }

    private static Map<String, String> fastSteamSpy() {
        return Map.of("STEAMSPY_API_LIMIT", "100/second", "MAX_WORKERS", String.valueOf(WORKERS),
                "BATCH_SIZE", String.valueOf(BATCH_SIZE));
    }

    /** The appid of every {@code appdetails} request the fake has answered, in order. */
    private static List<String> detailsRequests() {
        List<String> appIds = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            QueryParameter request = event.getRequest().queryParameter("request");
            if (request.isPresent() && request.firstValue().equals("appdetails")) {
                appIds.add(event.getRequest().queryParameter("appid").firstValue());
            }
        }
        return appIds;
    }

    /** Starts {@code java -jar steam-collector.jar collect} in the temporary directory, against the fake. */
    private JarProcess start(String name, Map<String, String> settings) {
        return start(name, settings, "collect");
    }

    /** Starts {@code java -jar steam-collector.jar} with {@code arguments} in the temporary directory, against the fakes. */
    private JarProcess start(String name, Map<String, String> settings, String... arguments) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.putAll(settings);
        JarProcess child = JarProcess.start(directory, name, env, arguments);
        children.add(child);
        return child;
    }

    /** Polls {@code sql} every 100 ms until its number satisfies {@code until}; fails if the child exits first. */
    private void awaitCount(JarProcess child, String sql, LongPredicate until, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!until.test(countOrZero(sql))) {
            if (!child.isAlive()) {
                fail("exited with %d before %s:%n%s", child.awaitExit(Duration.ZERO), what, child.describe());
            }
            if (System.nanoTime() > deadline) {
                fail("no %s within 30 s:%n%s", what, child.describe());
            }
            child.waitFor(Duration.ofMillis(100));
        }
    }

    /** The query's number, or 0 while the child has not yet created the database and its tables. */
    private long countOrZero(String sql) {
        if (!Files.exists(directory.resolve("steam_games.db"))) {
            return 0;
        }
        try {
            return db.queryLong(sql);
        } catch (IllegalStateException notYetMigrated) {
            return 0;
        }
    }
}
