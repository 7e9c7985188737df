package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.cli.ExitCodes;
import dev.steamcollector.testing.Await;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.JarProcess;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes ending in every way they can still run code on: a hang-up, a second SIGTERM, a
 * {@code notify} stopped mid-wait, a run waiting on Discord past its lock's lifetime. Each time the
 * lock is released (or kept fresh) and the run recorded.
 */
class EndingCleanlyIT {

    static final int GAMES = 400;
    static final List<Integer> APP_IDS = IntStream.range(0, GAMES).map(i -> 10_000 + 10 * i).boxed().toList();
    static final String SUCCEEDED = "SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'success'";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    private TestDatabase db;
    private final List<JarProcess> children = new ArrayList<>();

    @BeforeEach
    void anEmptyDatabase() {
        db = TestDatabase.sqlite(directory);
    }

    @AfterEach
    void noChildOutlivesItsTest() {
        children.forEach(JarProcess::close);
    }

    @Test
    void aHangUpEndsTheRunLikeSigtermWithExit129() {
        // the first 100 games answer at once, the rest only after a minute: the run is still going when the signal comes
        serveSteamSpy(100);
        JarProcess child = start("hung-up", collectEnv(), "collect");
        awaitCount(child, SUCCEEDED, 100);

        child.signal("HUP");

        assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child::describe).isEqualTo(ExitCodes.HUNG_UP);
        long committed = db.queryLong(SUCCEEDED);
        assertThat(committed).as("stopped before the end").isLessThan(GAMES);
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("interrupted");
        assertThat(db.queryString("SELECT message FROM collection_runs")).contains("SIGHUP");
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs")).isEqualTo(committed);
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
        assertThat(child.out()).contains("Run #1 (incremental) interrupted");
    }

    @Test
    void aSecondSigtermQuitsAtOnceYetRecordsTheRunAndReleasesTheLock() {
        // the first 40 games answer at once, the rest only after a minute: in flight when the signals come
        serveSteamSpy(40);
        JarProcess child = start("terminated-twice", collectEnv(), "collect");
        awaitCount(child, SUCCEEDED, 40);

        child.signal("TERM");
        child.awaitErr("SIGTERM received", Duration.ofSeconds(20));
        child.signal("TERM");

        // far less than the minute the requests in flight would take
        assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child::describe).isEqualTo(ExitCodes.TERMINATED);
        assertThat(db.queryLong(SUCCEEDED)).isEqualTo(40);
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).as(child::describe).isZero();
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("interrupted");
        assertThat(db.queryString("SELECT message FROM collection_runs")).contains("SIGTERM twice");
        assertThat(db.queryLong("SELECT COUNT(*) FROM collection_runs WHERE finished_at IS NULL")).isZero();
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs")).as("the committed games").isEqualTo(40);
        assertThat(child.out()).contains("Run #1 (incremental) interrupted", "40 succeeded");
    }

    @Test
    void notifyStoppedBySigtermWhileWaitingOnDiscordReleasesItsLock() throws SQLException {
        seedQueue(3);
        serveDiscordRetryAfter(30);
        Map<String, String> env = discordEnv();
        JarProcess notify = start("notify", env, "notify");
        Await.until(() -> !posts().isEmpty(), Duration.ofSeconds(30), () -> "a post to Discord:\n" + notify.describe());

        notify.signal("TERM");

        assertThat(notify.awaitExit(Duration.ofSeconds(20))).as(notify::describe).isEqualTo(ExitCodes.TERMINATED);
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).as(notify::describe).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome IS NULL AND claimed_by IS NULL"))
                .as("the queue is whole and unclaimed").isEqualTo(3);
        assertThat(posts()).hasSize(1);
    }

    /**
     * {@code prices} waits out Discord's {@code retry_after} with its lock taken. The lock is refreshed
     * on its own timer all the while, past its lifetime, so neither a {@code collect} nor a
     * {@code notify} started meanwhile takes it over and posts the queue a second time.
     */
    @Test
    void aRunWaitingOnDiscordKeepsItsLockFreshPastItsLifetime() throws SQLException {
        seedQueue(3);
        server.stubFor(get(urlPathEqualTo("/api/appdetails")).willReturn(okJson(APP_IDS.subList(0, 3).stream()
                .map(id -> "\"" + id + "\":{\"success\":false}").collect(Collectors.joining(",", "{", "}")))));
        serveDiscordRetryAfter(45);
        Map<String, String> env = discordEnv();
        env.put("RUN_LOCK_TIMEOUT", "2s");
        JarProcess prices = start("prices", env, "prices");
        Await.until(() -> !posts().isEmpty(), Duration.ofSeconds(30), () -> "a post to Discord:\n" + prices.describe());
        Instant waitBegan = posts().getFirst();

        // the lock outlives its 2 s lifetime by far while the run waits
        Await.until(() -> heartbeat().isAfter(waitBegan.plusSeconds(4)), Duration.ofSeconds(20),
                () -> "a heartbeat 4 s into the wait (last: " + heartbeat() + ", wait began " + waitBegan + ")\n"
                        + prices.describe());
        CliRun collect = CliRun.run(directory, env, "collect", "--update-metadata", "--limit", "0");
        CliRun notify = CliRun.run(directory, env, "notify");

        assertThat(collect.exitCode()).as(collect.err()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(collect.err()).contains("another run holds the database: pid " + prices.pid());
        assertThat(notify.exitCode()).as(notify.err()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(posts()).as("nobody else posted").hasSize(1);
        assertThat(prices.isAlive()).as(prices::describe).isTrue();

        // the signal cuts the wait short: the queue stays for the next run, the lock goes
        prices.signal("TERM");
        assertThat(prices.awaitExit(Duration.ofSeconds(20))).as(prices::describe).isEqualTo(ExitCodes.TERMINATED);
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome IS NULL AND claimed_by IS NULL"))
                .isEqualTo(3);
    }

    private JarProcess start(String name, Map<String, String> env, String... args) {
        JarProcess child = JarProcess.start(directory, name, env, args);
        children.add(child);
        return child;
    }

    private Map<String, String> collectEnv() {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.put("STEAMSPY_API_LIMIT", "100/second");
        env.put("MAX_WORKERS", "4");
        env.put("BATCH_SIZE", "20");
        // the slow games must not time out before the signals
        env.put("HTTP_TIMEOUT", "2m");
        return env;
    }

    private Map<String, String> discordEnv() {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.put("ENABLE_DISCORD", "true");
        env.put("DISCORD_WEBHOOK_URL", server.baseUrl() + "/webhook");
        return env;
    }

    /** SteamSpy without a key: one page of the games, then details: the first {@code fast} at once, the rest after a minute. */
    private static void serveSteamSpy(int fast) {
        String page = APP_IDS.stream().map(id -> "\"" + id + "\":" + SteamSpyFake.record(id, ""))
                .collect(Collectors.joining(",", "{", "}"));
        server.stubFor(SteamSpyFake.request("all").withQueryParam("page", equalTo("0")).willReturn(okJson(page)));
        server.stubFor(SteamSpyFake.request("all").withQueryParam("page", equalTo("1")).willReturn(okJson("{}")));
        for (int i = 0; i < GAMES; i++) {
            int id = APP_IDS.get(i);
            // details are fetched newest appid first
            boolean slow = fast > 0 && i < GAMES - fast;
            server.stubFor(SteamSpyFake.request("appdetails").withQueryParam("appid", equalTo(String.valueOf(id)))
                    .willReturn(okJson(SteamSpyFake.record(id, ",\"languages\":\"English\",\"genre\":\"Indie\",\"tags\":{}"))
                            .withFixedDelay(slow ? 60_000 : 0)));
        }
    }

    private static void serveDiscordRetryAfter(int seconds) {
        server.stubFor(post(urlEqualTo("/webhook")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"You are being rate limited.\", \"retry_after\": " + seconds
                        + ", \"global\": false}")));
    }

    /** When each post reached the Discord fake, in order. */
    private static List<Instant> posts() {
        return server.findAll(postRequestedFor(urlEqualTo("/webhook"))).stream()
                .map(request -> request.getLoggedDate().toInstant()).sorted().toList();
    }

    /** A migrated database holding the first {@code count} games, each with a queued announcement. */
    private void seedQueue(int count) {
        db.migrated(directory).withGames(APP_IDS.subList(0, count)).withQueuedDrops(APP_IDS.subList(0, count));
    }

    /** The run lock's last heartbeat, or the epoch while there is none. */
    private Instant heartbeat() {
        try (Connection connection = db.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT heartbeat_at FROM run_locks"); ResultSet row = query.executeQuery()) {
            return row.next() ? row.getTimestamp(1).toInstant() : Instant.EPOCH;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitCount(JarProcess child, String sql, long atLeast) {
        Await.until(() -> {
            assertThat(child.isAlive()).as(child::describe).isTrue();
            return countOrZero(sql) >= atLeast;
        }, Duration.ofSeconds(60), () -> sql + " reaching " + atLeast + "\n" + child.describe());
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
