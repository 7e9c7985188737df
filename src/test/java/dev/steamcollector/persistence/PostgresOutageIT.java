package dev.steamcollector.persistence;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL server of its own, stopped in the middle of a real {@code collect} and started again
 * on the same port and data: a server back within {@code DATABASE_RECONNECT} costs nothing; one
 * that stays away ends the run with exit 75 and one line naming the database.
 */
class PostgresOutageIT {

    private static final String PASSWORD = "PgPassSECRET";
    private static final String PROCESSED =
            "SELECT COUNT(*) FROM game_metadata WHERE fetch_status IN ('success', 'not_found')";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    private SteamSpyFake steamSpy;
    private EmbeddedPostgres postgres;
    private int port;
    private TestDatabase db;
    private JarProcess child;

    @BeforeEach
    void aServerOfItsOwnAndSteamSpy() throws IOException, SQLException {
        steamSpy = new SteamSpyFake(server);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("pgdata"))
                .setCleanDataDirectory(false).start();
        port = postgres.getPort();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE steam");
        }
        String url = "postgresql://postgres:" + PASSWORD + "@localhost:" + port + "/steam";
        db = new TestDatabase(url, dev.steamcollector.config.DatabaseSettings.parse(url, directory));
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (child != null) {
            child.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aServerBackWithinTheWindowCostsNoWork() throws IOException {
        child = JarProcess.start(directory, "collect", env("60s"), "collect");
        awaitProcessed(50);

        stopServer();
        int asked = detailRequests();
        child.awaitErr("Lost the connection to the database", Duration.ofSeconds(60));
        // the details go on arriving while the database is away
        Await.until(() -> detailRequests() >= asked + 30, Duration.ofSeconds(30), () -> "more details fetched");
        startServer();

        assertThat(child.awaitExit(Duration.ofSeconds(120))).as(child::describe).isEqualTo(ExitCodes.DONE);
        assertThat(child.err()).contains("is back: carrying on");
        assertThat(db.queryLong(PROCESSED)).as("every game's details kept").isEqualTo(steamSpy.records().size());
        assertThat(steamSpy.detailRequests()).as("none fetched twice").isEqualTo(steamSpy.records().size());
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("succeeded");
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }

    @Test
    void aServerGoneForGoodEndsTheRunWith75AndOneLine() throws IOException {
        child = JarProcess.start(directory, "collect", env("3s"), "collect");
        awaitProcessed(50);

        stopServer();

        assertThat(child.awaitExit(Duration.ofSeconds(120))).as(child::describe)
                .isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        String last = child.err().strip().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(last).isEqualTo("steam-collector: lost the connection to the database jdbc:postgresql://localhost:"
                + port + "/steam (user postgres, password ****) and could not reconnect within 3s; work committed "
                + "before is saved, run again later");
        assertThat(child.err() + child.out()).doesNotContain(PASSWORD, "Hikari", "Connection is not available");

        // back again: the next run takes the dead run's lock over and records the lost run
        startServer();
        CliRun next = CliRun.run(directory, env("60s"), "collect", "--update-metadata", "--limit", "0");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(db.queryString("SELECT status FROM collection_runs ORDER BY id LIMIT 1")).isEqualTo("interrupted");
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }

    private Map<String, String> env(String reconnect) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.put("STEAMSPY_API_LIMIT", "40/second");
        env.put("BATCH_SIZE", "10");
        env.put("DATABASE_RECONNECT", reconnect);
        return env;
    }

    private void stopServer() throws IOException {
        postgres.close();
        postgres = null;
    }

    private void startServer() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("pgdata"))
                .setCleanDataDirectory(false).setPort(port).start();
    }

    private static int detailRequests() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/api.php"))
                .withQueryParam("request", equalTo("appdetails"))).size();
    }

    private void awaitProcessed(long atLeast) {
        Await.until(() -> {
            assertThat(child.isAlive()).as(child::describe).isTrue();
            return processedOrZero() >= atLeast;
        }, Duration.ofSeconds(60), () -> atLeast + " games processed\n" + child.describe());
    }

    private long processedOrZero() {
        try {
            return db.queryLong(PROCESSED);
        } catch (IllegalStateException notYetMigrated) {
            return 0;
        }
    }
}
