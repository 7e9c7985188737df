package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.MariaDbServer;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code migrate} and {@code status} through the whole command line, on every database. */
class MigrateAndStatusIT {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void migrateThenStatusOnAFreshDatabase(String kind) throws Exception {
        TestDatabase db = TestDatabase.of(kind, directory);
        Map<String, String> env = Map.of("DATABASE_URL", db.url());

        CliRun migrate = CliRun.run(directory, env, "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains(shippedSchema(db))
                .contains("Rate limits:     Steam Web API 100000/day, Store 200/5minutes, SteamSpy 60/minute");

        CliRun again = CliRun.run(directory, env, "migrate");
        assertThat(again.out()).contains("(0 migrations applied now)");

        db.execute("INSERT INTO games (app_id, name, created_at, updated_at, is_active) VALUES "
                + "(10, 'Counter-Strike', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE),"
                + "(20, 'TFC', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE),"
                + "(30, 'Day of Defeat', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE),"
                + "(40, 'Deathmatch Classic', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE),"
                + "(50, 'Opposing Force', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE),"
                + "(60, 'Ricochet', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE)");
        // due: 10 (never fetched in detail), 50 (its retry time has come), 60 (new); not due: 20 (inactive),
        // 30 (fetched an hour ago), 40 (retry tomorrow)
        String hourAgo = db.isSqlite() ? "strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 hour')"
                : "CURRENT_TIMESTAMP - INTERVAL '1' HOUR";
        String tomorrow = db.isSqlite() ? "strftime('%Y-%m-%d %H:%M:%f', 'now', '+1 day')"
                : "CURRENT_TIMESTAMP + INTERVAL '1' DAY";
        db.execute("INSERT INTO game_metadata (app_id, fetch_status, details_fetched_at, next_attempt_at) VALUES "
                + "(10, 'success', NULL, NULL), (20, 'pending', NULL, NULL), (30, 'success', " + hourAgo + ", NULL),"
                + "(40, 'failed', NULL, " + tomorrow + "), (50, 'failed', NULL, " + hourAgo + "),"
                + "(60, 'pending', NULL, NULL)");
        Map<String, String> slowSteamSpy = Map.of("DATABASE_URL", db.url(), "STEAMSPY_API_LIMIT", "2/minute");

        CliRun status = CliRun.run(directory, slowSteamSpy, "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.at("/games/active").asLong()).isEqualTo(5);
        assertThat(json.at("/games/inactive").asLong()).isEqualTo(1);
        assertThat(json.at("/fetchStatus/success").asLong()).isEqualTo(2);
        assertThat(json.at("/fetchStatus/pending").asLong()).isEqualTo(2);
        assertThat(json.at("/fetchStatus/failed").asLong()).isEqualTo(2);
        assertThat(json.at("/due").asLong()).isEqualTo(3);
        assertThat(json.at("/etaSeconds").asLong()).isEqualTo(90);

        CliRun text = CliRun.run(directory, slowSteamSpy, "status");
        assertThat(text.out()).contains("Games:     5 active, 1 inactive")
                .contains("Due:       3 games' details (about 1m30s at 2/minute)")
                .contains("  SteamSpy            2/minute, the configured limit")
                .contains("Runs:      none yet");
        assertThat(json.at("/pace/3/perSecond").asDouble()).isEqualTo(2 / 60.0);
    }

    /** The schema line of a first {@code migrate}: the newest version shipped for {@code db}, every migration applied. */
    private static String shippedSchema(TestDatabase db) throws IOException {
        List<Integer> versions;
        try (Stream<Path> files = Files.list(Path.of(db.migrationFolder()))) {
            versions = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> Integer.valueOf(name.substring(1, name.indexOf("__"))))
                    .toList();
        }
        return String.format("Schema:          version %d (%d migrations applied now)",
                versions.stream().mapToInt(Integer::intValue).max().orElseThrow(), versions.size());
    }

    @Test
    void theDefaultDatabaseIsASqliteFileInTheWorkingDirectory() {
        CliRun migrate = CliRun.run(directory, Map.of(), "migrate");

        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(directory.resolve("steam_games.db")).exists();
    }

    @Test
    void theDatabaseUrlOptionBeatsTheEnvironmentAndTheEnvFile() throws Exception {
        Files.writeString(directory.resolve(".env"), "DATABASE_URL=sqlite:///from-env-file.db\n");

        CliRun run = CliRun.run(directory, Map.of("DATABASE_URL", "sqlite:///from-environment.db"),
                "migrate", "--database-url", "sqlite:///from-option.db");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(directory.resolve("from-option.db")).exists();
        assertThat(directory.resolve("from-environment.db")).doesNotExist();
    }

    @Test
    void statusOnAnUnmigratedDatabaseSaysToMigrate() {
        CliRun status = CliRun.run(directory, Map.of(), "status");

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err().strip()).isEqualTo(
                "steam-collector: the database schema is behind; run 'steam-collector migrate' first");
    }

    @Test
    void anUnreachablePostgresIsTemporaryAndMasksThePassword() {
        CliRun run = CliRun.run(directory, Map.of(), "migrate",
                "--database-url", "postgresql://app:hunter2secret@127.0.0.1:1/steam?connectTimeout=2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("steam-collector: cannot open database").doesNotContain("hunter2secret");
    }

    @Test
    void anUnreachableMySqlIsTemporaryAndMasksThePassword() {
        CliRun run = CliRun.run(directory, Map.of(), "migrate",
                "--database-url", "mysql://app:hunter2secret@127.0.0.1:1/steam?connectTimeout=2000");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("steam-collector: cannot open database jdbc:mariadb://127.0.0.1:1/steam")
                .doesNotContain("hunter2secret");
    }

    @Test
    void aWrongMariaDbPasswordIsAConfigurationErrorAndIsNotShown() {
        String url = TestDatabase.mariadb("mysql").url().replace("%40", "%41");

        CliRun run = CliRun.run(directory, Map.of(), "migrate", "--database-url", url);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("steam-collector: cannot open database").contains("Access denied")
                .doesNotContain(MariaDbServer.PASSWORD).doesNotContain("%41");
    }

    @Test
    void anUnwritableSqliteLocationIsAConfigurationError() {
        CliRun run = CliRun.run(directory, Map.of(), "migrate", "--database-url", "sqlite:///no/such/dir/x.db");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("steam-collector: cannot open database");
    }
}
