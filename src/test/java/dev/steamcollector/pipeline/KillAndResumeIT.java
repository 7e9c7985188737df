package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.steamcollector.cli.ExitCodes;
import dev.steamcollector.testing.StoreDetailsFake;
import dev.steamcollector.testing.StoreFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    static final String JAR = System.getProperty("steamcollector.jar");
    static final String DETAILS = ",\"languages\":\"English\",\"genre\":\"Indie\",\"tags\":{\"Indie\":10}";
    static final String SUCCEEDED = "SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'success'";
    static final String DESCRIBED = "SELECT COUNT(*) FROM store_details WHERE fetch_status IN ('success', 'not_found')";
    static final String PRICED = "SELECT COUNT(*) FROM price_checks WHERE country = 'us'";
    static final StoreFake STORE = new StoreFake();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new StoreDetailsFake.Answers(), STORE)).build();

    @TempDir
    Path directory;

    private TestDatabase db;
    private final List<Child> children = new ArrayList<>();

    /** SteamSpy without a key: one page of {@value #GAMES} games, an empty page after it, details for each. */
    @BeforeEach
    void steamSpyTracksSixHundredGames() {
        assertThat(JAR).as("system property steamcollector.jar (set by failsafe)").isNotNull();
        db = TestDatabase.sqlite(directory);
        String page = APP_IDS.stream().map(id -> "\"" + id + "\":" + record(id, ""))
                .collect(Collectors.joining(",", "{", "}"));
        server.stubFor(steamSpy("all").withQueryParam("page", equalTo("0")).willReturn(okJson(page)));
        server.stubFor(steamSpy("all").withQueryParam("page", equalTo("1")).willReturn(okJson("{}")));
        for (int id : APP_IDS) {
            server.stubFor(steamSpy("appdetails").withQueryParam("appid", equalTo(String.valueOf(id)))
                    .willReturn(okJson(record(id, DETAILS))));
        }
    }

    @AfterEach
    void noChildOutlivesItsTest() throws InterruptedException {
        for (Child child : children) {
            if (child.process().isAlive()) {
                child.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aKilledRunResumesWithoutLosingOrDuplicating() {
        Child killed = start("killed", fastSteamSpy());
        awaitCount(killed, SUCCEEDED, n -> n >= 150, "150 games' details committed");

        killed.process().destroyForcibly();
        assertThat(killed.awaitExit(Duration.ofSeconds(10))).as(killed::err).isEqualTo(128 + 9);
        long committed = db.queryLong(SUCCEEDED);
        int requestedByKilled = detailsRequests().size();
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs")).as("the killed run's count of successes")
                .isEqualTo(committed);
        assertThat(db.queryLong("SELECT games_processed FROM collection_runs")).as("the killed run's count of games")
                .isEqualTo(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status <> 'pending'"));
        assertThat(db.queryLong("SELECT pid FROM run_locks")).as("the dead run's lock is left behind")
                .isEqualTo(killed.process().pid());

        Child rerun = start("rerun", fastSteamSpy());
        assertThat(rerun.awaitExit(Duration.ofSeconds(60))).as(rerun::err).isEqualTo(ExitCodes.DONE);

        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).as(rerun::err).isEqualTo(GAMES);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata")).isEqualTo(GAMES);
        assertThat(db.queryLong(SUCCEEDED)).as(rerun::err).isEqualTo(GAMES);
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
        Child child = start("terminated", fastSteamSpy());
        awaitCount(child, SUCCEEDED, n -> n >= 100, "100 games' details committed");

        child.process().destroy();

        assertThat(child.awaitExit(Duration.ofSeconds(20))).as(child::err).isEqualTo(ExitCodes.TERMINATED);
        long succeeded = db.queryLong(SUCCEEDED);
        assertThat(succeeded).as("stopped before the end").isLessThan(GAMES);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'failed'"))
                .as("in-flight requests finished rather than failing").isZero();
        assertThat(db.queryString("SELECT status FROM collection_runs ORDER BY id DESC LIMIT 1")).as(child::err)
                .isEqualTo("interrupted");
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs ORDER BY id DESC LIMIT 1"))
                .as("the run's count of successes matches what it committed").isEqualTo(succeeded);
        assertThat(db.queryLong("SELECT COUNT(*) FROM collection_runs WHERE finished_at IS NULL")).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }

    @Test
    void aSecondRunExits75NamingTheFirst() {
        // slow details keep the first run going for a minute, long after the second has given up
        Map<String, String> slow = Map.of("STEAMSPY_API_LIMIT", "10/second", "MAX_WORKERS", String.valueOf(WORKERS),
                "BATCH_SIZE", String.valueOf(BATCH_SIZE));
        Child first = start("first", slow);
        awaitCount(first, "SELECT COUNT(*) FROM run_locks", n -> n >= 1, "the run lock taken");
        // and past its own start-up, so the two JVMs do not compete for the CPU while the second is timed
        awaitCount(first, SUCCEEDED, n -> n >= BATCH_SIZE, "the first batch committed");

        long startedAt = System.nanoTime();
        Child second = start("second", slow);
        int secondExit = second.awaitExit(Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

        assertThat(secondExit).as(second::err).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(took).as("time until the second run gave up").isLessThan(Duration.ofSeconds(5));
        assertThat(second.err()).contains("pid " + first.process().pid());
        assertThat(first.process().isAlive()).as(first::err).isTrue();
        assertThat(db.queryLong("SELECT pid FROM run_locks")).as("the lock still names the first run")
                .isEqualTo(first.process().pid());

        first.process().destroy();
        assertThat(first.awaitExit(Duration.ofSeconds(20))).as(first::err).isEqualTo(ExitCodes.TERMINATED);
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }

    @Test
    void aKilledRunWithStoreDetailsResumesWithoutLosingOrDuplicating() {
        StoreDetailsFake store = new StoreDetailsFake(server);
        store.serve();
        Child killed = start("killed", withStoreDetails(fastSteamSpy(), "100/second"));
        awaitCount(killed, DESCRIBED, n -> n >= 150, "150 games' Store descriptions committed");

        killed.process().destroyForcibly();
        assertThat(killed.awaitExit(Duration.ofSeconds(10))).as(killed::err).isEqualTo(128 + 9);
        long committed = db.queryLong(DESCRIBED);
        int requestedByKilled = store.descriptionRequests();

        Child rerun = start("rerun", withStoreDetails(fastSteamSpy(), "100/second"));
        assertThat(rerun.awaitExit(Duration.ofSeconds(60))).as(rerun::err).isEqualTo(ExitCodes.DONE);

        assertThat(db.queryLong(DESCRIBED)).as(rerun::err).isEqualTo(GAMES);
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
    void sigtermWithStoreDetailsCommitsEveryAnswerAndExits143() {
        StoreDetailsFake store = new StoreDetailsFake(server);
        store.serve();
        Child child = start("terminated", withStoreDetails(fastSteamSpy(), "40/second"));
        awaitCount(child, DESCRIBED, n -> n >= 60, "60 games' Store descriptions committed");

        child.process().destroy();

        assertThat(child.awaitExit(Duration.ofSeconds(20))).as(child::err).isEqualTo(ExitCodes.TERMINATED);
        long described = db.queryLong(DESCRIBED);
        assertThat(described).as("stopped before the end").isLessThan(GAMES);
        // every answer the Store gave, in flight at the signal or not, was committed
        assertThat(described).isEqualTo(store.descriptionRequests());
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_details WHERE reviews_fetch_status <> 'pending'"))
                .isEqualTo(store.reviewRequests());
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_details WHERE fetch_status = 'failed'"
                + " OR reviews_fetch_status = 'failed'")).isZero();
        assertThat(db.queryString("SELECT status FROM collection_runs ORDER BY id DESC LIMIT 1")).as(child::err)
                .isEqualTo("interrupted");
    }

    /** {@code settings} with the Store details on, Store and review summaries at {@code limit}. */
    @Test
    void aKilledPricesRunRecordsTheGamesItCommitted() {
        db.migrated(directory).withGames(APP_IDS);
        STORE.serve(server);
        APP_IDS.forEach(id -> STORE.answer("us", id, StoreFake.priced("USD", 1999, 999, 50)));
        Child killed = start("killed", Map.of("STEAM_STORE_API_LIMIT", "20/second", "STORE_COUNTRY_CODES", "us"),
                "prices", "--per-request", "10");
        awaitCount(killed, PRICED, n -> n >= 100, "100 games' prices committed");

        killed.process().destroyForcibly();
        assertThat(killed.awaitExit(Duration.ofSeconds(10))).as(killed::err).isEqualTo(128 + 9);
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

    private static MappingBuilder steamSpy(String request) {
        return get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo(request));
    }

    /** A game as SteamSpy's pages carry it, with {@code extra} fields appended. */
    private static String record(int appId, String extra) {
        return """
                {"appid":%d,"name":"Game %d","developer":"D","publisher":"P","score_rank":"","positive":1,\
                "negative":0,"userscore":0,"owners":"0 .. 20,000","average_forever":0,"average_2weeks":0,\
                "median_forever":0,"median_2weeks":0,"price":"999","initialprice":"999","discount":"0",\
                "ccu":0%s}""".formatted(appId, appId, extra);
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
    private Child start(String name, Map<String, String> settings) {
        return start(name, settings, "collect");
    }

    /** Starts {@code java -jar steam-collector.jar} with {@code arguments} in the temporary directory, against the fakes. */
    private Child start(String name, Map<String, String> settings, String... arguments) {
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", JAR));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> variable.startsWith("STEAM") || variable.equals("DATABASE_URL"));
        env.putAll(TestApis.environment(server.baseUrl(), db.url()));
        env.putAll(settings);
        try {
            Child child = new Child(name, builder.start(), err);
            children.add(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + JAVA, e);
        }
    }

    /** Polls {@code sql} every 100 ms until its number satisfies {@code until}; fails if the child exits first. */
    private void awaitCount(Child child, String sql, LongPredicate until, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!until.test(countOrZero(sql))) {
            if (!child.process().isAlive()) {
                fail("%s exited with %d before %s:%n%s", child.name(), child.process().exitValue(), what, child.err());
            }
            if (System.nanoTime() > deadline) {
                fail("no %s within 30 s:%n%s", what, child.err());
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

    /** A running {@code collect}, its stderr in a file so its pipes never fill. */
    private record Child(String name, Process process, Path errFile) {

        /** Waits at most {@code timeout} for the exit code; fails, with the child's stderr, if it keeps running. */
        int awaitExit(Duration timeout) {
            if (!waitFor(timeout)) {
                fail("%s still running after %s:%n%s", name, timeout, err());
            }
            return process.exitValue();
        }

        boolean waitFor(Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
        }

        String err() {
            try {
                return name + " stderr:\n" + Files.readString(errFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
