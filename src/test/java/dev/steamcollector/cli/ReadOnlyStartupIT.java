package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.JarProcess;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that only read start light: the built jar, run with the JVM's class-loading log,
 * loads neither Hibernate nor Flyway for them.
 */
class ReadOnlyStartupIT {

    static final String JAR = System.getProperty("steamcollector.jar");

    @TempDir
    Path directory;

    private TestDatabase db;

    @BeforeEach
    void aDatabaseWithGames() {
        db = TestDatabase.sqlite(directory);
        CliRun migrate = CliRun.run(directory, Map.of("DATABASE_URL", db.url()), "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        db.execute("INSERT INTO games (app_id, name, created_at, updated_at, is_active) VALUES "
                + "(10, 'Counter-Strike', 0, 0, TRUE), (20, 'TFC', 0, 0, FALSE)");
        db.execute("INSERT INTO game_metadata (app_id, fetch_status) VALUES (10, 'success'), (20, 'pending')");
        db.execute("INSERT INTO collection_runs (mode, started_at, finished_at, status, games_processed)"
                + " VALUES ('incremental', 0, 1000, 'succeeded', 1)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--help", "--version", "status", "status --json", "export", "completion bash"})
    void loadsNeitherHibernateNorFlyway(String command) throws Exception {
        Path classes = directory.resolve("classes.log");
        ProcessBuilder builder = new ProcessBuilder(JarProcess.command(
                List.of("-Xlog:class+load=info:file=" + classes), command.split(" "))).directory(directory.toFile())
                .redirectOutput(directory.resolve("out.txt").toFile()).redirectError(directory.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STEAM") || name.equals("DATABASE_URL"));
        builder.environment().put("DATABASE_URL", db.url());
        Process process = builder.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(process.exitValue()).as(read("err.txt")).isZero();
        assertThat(read("out.txt")).isNotBlank();
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).as("classes loaded").anyMatch(entry -> entry.contains(" dev.steamcollector.cli.Main "))
                .noneMatch(entry -> entry.contains(" org.hibernate.internal.SessionFactoryImpl "))
                .noneMatch(entry -> entry.contains(" org.flywaydb.core.Flyway "));
        // a type or two named in signatures the verifier checks, not the thousands a bootstrap loads
        assertThat(count(loaded, " org.hibernate.")).as("Hibernate classes loaded").isLessThan(10);
        assertThat(count(loaded, " org.flywaydb.")).as("Flyway classes loaded").isLessThan(10);
    }

    private static long count(List<String> loaded, String prefix) {
        return loaded.stream().filter(entry -> entry.contains(prefix)).count();
    }

    private String read(String file) throws IOException {
        return Files.readString(directory.resolve(file));
    }
}
