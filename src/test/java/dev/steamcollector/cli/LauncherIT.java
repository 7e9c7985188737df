package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/steam-collector} runs the built jar from any working directory. */
class LauncherIT {

    static final Path LAUNCHER = Path.of("scripts/steam-collector").toAbsolutePath();

    @TempDir
    Path directory;

    @Test
    void migratesTheDefaultDatabaseInTheCallersDirectory() throws Exception {
        Process process = start(List.of(LAUNCHER.toString(), "migrate"));

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("jdbc:sqlite:" + directory.toRealPath().resolve("steam_games.db"));
        assertThat(directory.resolve("steam_games.db")).exists();
    }

    @Test
    void aBadLimitExitsWithCodeTwoAndOneLine() throws Exception {
        ProcessBuilder builder = builder(List.of(LAUNCHER.toString(), "migrate"));
        builder.environment().put("STEAMSPY_ALL_LIMIT", "once/day");
        builder.redirectErrorStream(false);
        Process process = builder.start();

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(err.lines()).containsExactly("steam-collector: STEAMSPY_ALL_LIMIT: 'once/day' is not a rate limit;"
                + " write N/unit or N/Kunits, e.g. 60/minute or 200/5minutes");
    }

    @Test
    void onJava24AndNewerStartsFromACacheMadeOnceAndMadeAgainWhenTheJarChanges() throws Exception {
        Path javaHome = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent();
        assumeTrue(Runtime.version().feature() >= 24, "the start-up cache needs Java 24 or newer");
        Path jar = directory.resolve("steam-collector.jar");
        Files.copy(Path.of(System.getProperty("steamcollector.jar")), jar);
        Path cache = directory.resolve("cache");
        Map<String, String> env = Map.of("JAVA_HOME", javaHome.toString(), "STEAM_COLLECTOR_JAR", jar.toString(),
                "STEAM_COLLECTOR_CACHE_DIR", cache.toString(), "STEAM_COLLECTOR_AOT", "on");

        assertThat(runLauncher(env, "--version")).as("the first start, while the cache is made").startsWith("steam-collector ");
        Path stamp = awaitCacheMade(cache);

        // -XX:AOTMode=on: the JVM refuses to start unless it can use the cache it is given
        Map<String, String> strict = new HashMap<>(env);
        strict.put("STEAM_COLLECTOR_JAVA_OPTS", "-XX:AOTMode=on");
        assertThat(runLauncher(strict, "--version")).as("a start from the cache").startsWith("steam-collector ");

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(runLauncher(env, "--version")).as("the first start of a new jar").startsWith("steam-collector ");
        awaitCacheMade(cache);
        assertThat(Files.readString(stamp)).as("the cache made for the new jar").contains(
                String.valueOf(Files.getLastModifiedTime(jar).toMillis() / 1000));
        assertThat(runLauncher(strict, "--version")).startsWith("steam-collector ");
    }

    /** Runs the launcher to its end, expecting exit 0; returns what it printed. */
    private String runLauncher(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = builder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /** Waits, at most five minutes, until no cache is being made and one is there; returns its stamp. */
    private static Path awaitCacheMade(Path cache) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            try (var files = Files.list(cache)) {
                List<Path> all = files.toList();
                boolean making = all.stream().anyMatch(file -> file.toString().endsWith(".lock"));
                Optional<Path> stamp = all.stream().filter(file -> file.toString().endsWith(".stamp")).findFirst();
                if (!making && stamp.isPresent()) {
                    assertThat(all).as("one cache").filteredOn(file -> file.toString().endsWith(".aot")).hasSize(1);
                    return stamp.get();
                }
                if (!making || System.nanoTime() > deadline) {
                    String log = all.stream().filter(file -> file.toString().endsWith(".log")).findFirst()
                            .map(LauncherIT::read).orElse("no log");
                    throw new AssertionError("no start-up cache made in " + cache + ": " + all + "\n" + log);
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process start(List<String> command) throws IOException {
        return builder(command).start();
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("STEAM_COLLECTOR_JAR", System.getProperty("steamcollector.jar"));
        builder.environment().keySet().removeIf(name -> name.startsWith("STEAM") && !name.equals("STEAM_COLLECTOR_JAR")
                || name.equals("DATABASE_URL"));
        // no start-up cache made in the home directory by the tests; one test makes its own
        builder.environment().put("STEAM_COLLECTOR_AOT", "off");
        return builder;
    }
}
