package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.cli.ExitCodes;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code collect} with SteamSpy metadata end to end, on every database, against real records. */
class CollectMetadataIT {

    static final int GAMES = 300;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    SteamSpyFake steamSpy;

    @BeforeEach
    void fake() {
        steamSpy = new SteamSpyFake(server);
    }

    private CliRun collect(TestDatabase db, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "collect";
        System.arraycopy(args, 0, command, 1, args.length);
        return CliRun.run(directory, TestApis.environment(server.baseUrl(), db.url()), command);
    }

    private static long count(TestDatabase db, String where) {
        return db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE " + where);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void anIncrementalRunFillsEveryGameAndParsesTheQuirks(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();

        CliRun run = collect(db);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(count(db, "fetch_status = 'success'")).isEqualTo(GAMES);
        assertThat(db.queryString("SELECT tags_json FROM game_metadata WHERE app_id = 697210")).isEqualTo("{}");
        String vrVotes = db.isSqlite() ? "json_extract(tags_json, '$.VR')"
                : db.isMysql() ? "JSON_EXTRACT(tags_json, '$.VR')" : "(tags_json->>'VR')::int";
        assertThat(db.queryLong("SELECT " + vrVotes + " FROM game_metadata WHERE app_id = 748720")).isEqualTo(5);
        assertThat(count(db, "app_id = 530940 AND price_cents IS NULL")).isEqualTo(1);
        assertThat(db.queryLong("SELECT score_rank FROM game_metadata WHERE app_id = 755540")).isEqualTo(79);
        assertThat(count(db, "app_id = 748720 AND score_rank IS NULL AND price_cents = 499")).isEqualTo(1);
        assertThat(db.queryString("SELECT developer FROM game_metadata WHERE app_id = 576960")).isEqualTo("Nuclear Tales");
        assertThat(db.queryString("SELECT genre FROM game_metadata WHERE app_id = 748720")).startsWith("Adventure");
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs")).isEqualTo(GAMES);
        assertThat(run.out()).contains("300 games processed: 300 succeeded, 0 not found, 0 failed");

        CliRun again = collect(db);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 games processed");
        assertThat(steamSpy.pageRequests(0)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void faultsLeaveGoodDataIntactAndRetryFailedRecoversThem(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        assertThat(collect(db).exitCode()).isZero();
        int serverError = steamSpy.appId(10);
        int malformed = steamSpy.appId(11);
        int timeout = steamSpy.appId(12);
        int throttledOnce = steamSpy.appId(13);
        String developerBefore = db.queryString("SELECT developer FROM game_metadata WHERE app_id = " + serverError);
        steamSpy.serveDetails(serverError, SteamSpyFake.status(500));
        steamSpy.serveDetails(malformed, okJson("{\"appid\": " + malformed + ", \"name\": "));
        steamSpy.serveDetails(timeout, okJson("{}").withFixedDelay(1_500));
        steamSpy.failOnceThenServe(throttledOnce, aResponse().withBody("Connection failed: Too many connections"));

        CliRun faulty = collect(db, "--full-refresh");

        assertThat(faulty.exitCode()).as(faulty.err()).isZero();
        assertThat(count(db, "fetch_status = 'failed'")).isEqualTo(3);
        assertThat(count(db, "fetch_status = 'success'")).isEqualTo(GAMES - 3);
        assertThat(db.queryString("SELECT developer FROM game_metadata WHERE app_id = " + serverError))
                .isEqualTo(developerBefore);
        assertThat(count(db, "app_id = " + malformed + " AND tags_json IS NOT NULL AND last_error LIKE '%malformed%'"))
                .isEqualTo(1);
        assertThat(count(db, "app_id = " + timeout + " AND last_error LIKE '%timed out%'")).isEqualTo(1);
        assertThat(count(db, "app_id = " + throttledOnce + " AND fetch_status = 'success'")).isEqualTo(1);

        steamSpy.serveDetails();
        CliRun retry = collect(db, "--retry-failed");

        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.out()).contains("3 games processed: 3 succeeded");
        assertThat(count(db, "fetch_status = 'success'")).isEqualTo(GAMES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void moreFailuresThanAllowedExitWithThree(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        steamSpy.serveDetails(steamSpy.appId(0), SteamSpyFake.status(404));

        CliRun run = collect(db, "--max-failures", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TOO_MANY_FAILURES);
        assertThat(run.err()).contains("1 games failed");
        // done, all the same: the run did its work and says what failed
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("succeeded");
        assertThat(db.queryString("SELECT message FROM collection_runs")).contains("1 games failed");
        assertThat(count(db, "fetch_status = 'success'")).isEqualTo(GAMES - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void anInterruptedPagePassContinuesAtItsNextPage(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        steamSpy.servePages(100);
        steamSpy.servePage(1, SteamSpyFake.status(503));
        steamSpy.serveDetails();

        CliRun broken = collect(db, "--limit", "0");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(db.queryLong("SELECT next_page FROM page_passes")).isEqualTo(1);
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(100);

        steamSpy.servePages(100);
        CliRun resumed = collect(db);

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(steamSpy.pageRequests(0)).isEqualTo(1);
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(GAMES);
        assertThat(count(db, "fetch_status = 'success'")).isEqualTo(GAMES);
        // the resumed pass saw only part of the list: nothing may be deactivated on its word
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = FALSE")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void updateMetadataLeavesTheListAloneAndAppIdsFetchOnlyThose(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        steamSpy.serveDetails();

        CliRun chosen = collect(db, "--app-ids", "730,22490");
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(2);
        assertThat(db.queryString("SELECT name FROM games WHERE app_id = 22490")).isEqualTo("Fallout: New Vegas");
        assertThat(steamSpy.pageRequests(0)).isZero();

        steamSpy.servePages(1_000);
        CliRun metadataOnly = collect(db, "--update-metadata");
        assertThat(metadataOnly.exitCode()).as(metadataOnly.err()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(2);
        assertThat(steamSpy.pageRequests(0)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aLiveLockHolderMakesTheRunExit75AndADeadOneIsTakenOver(String kind) throws Exception {
        TestDatabase db = TestDatabase.of(kind, directory);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        assertThat(CliRun.run(directory, Map.of("DATABASE_URL", db.url()), "migrate").exitCode()).isZero();
        long livePid = ProcessHandle.current().pid();
        lock(db, livePid);

        CliRun blocked = collect(db);
        assertThat(blocked.exitCode()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(blocked.err()).contains("pid " + livePid);
        assertThat(db.queryLong("SELECT COUNT(*) FROM collection_runs")).isZero();

        db.execute("DELETE FROM run_locks");
        lock(db, deadPid());
        assertThat(collect(db).exitCode()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }

    private static void lock(TestDatabase db, long pid) throws Exception {
        try (Connection connection = db.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO run_locks (name, pid, host, mode, started_at, heartbeat_at) VALUES ('collector', ?, ?, 'incremental', ?, ?)")) {
            insert.setLong(1, pid);
            insert.setString(2, InetAddress.getLocalHost().getHostName());
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
