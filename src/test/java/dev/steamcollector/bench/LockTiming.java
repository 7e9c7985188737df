package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long a second {@code collect} takes, from the shell, to exit 75 while a first one runs and is
 * busy (SteamSpy pages and details from a local fake, as fast as it answers): the median of N.
 */
final class LockTiming implements AutoCloseable {

    /** 20,000 games: the first run is still busy when the measuring is done. */
    private static final int PAGES = 20;
    private static final Duration FIRST_RUN_SETTLES = Duration.ofSeconds(3);

    private final Path launcher;
    private final int runs;
    private final WireMockServer steamSpy = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
            .dynamicPort().disableRequestJournal());

    LockTiming(Path launcher, int runs) throws IOException {
        this.launcher = launcher;
        this.runs = runs;
        steamSpy.start();
        SyntheticSteamSpy.stub(steamSpy, PAGES);
    }

    /** The median seconds of a second {@code collect} on {@code database}, with the launcher's {@code env}. */
    double median(TestDatabase database, Path directory, Map<String, String> env) throws Exception {
        Files.createDirectories(directory);
        Map<String, String> all = new HashMap<>(env);
        all.put("DATABASE_URL", database.url());
        all.put("STEAMSPY_API_URL", "http://127.0.0.1:" + steamSpy.port() + "/api.php");
        all.put("STEAMSPY_API_LIMIT", "50/second");
        all.put("STEAMSPY_ALL_LIMIT", "2/second");
        all.put("STORE_DETAILS", "false");
        Process first = start(directory, all).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitLock(database, first);
            TimeUnit.MILLISECONDS.sleep(FIRST_RUN_SETTLES.toMillis());
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                double took = second(directory, all);
                if (i > 0) {
                    // the first one warms the file system cache
                    seconds.add(took);
                }
            }
            seconds.sort(Comparator.naturalOrder());
            return seconds.get(seconds.size() / 2);
        } finally {
            first.destroy();
            if (!first.waitFor(30, TimeUnit.SECONDS)) {
                first.destroyForcibly();
            }
        }
    }

    private ProcessBuilder start(Path directory, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "collect").directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("STEAM") && !name.startsWith("STEAM_COLLECTOR")
                || name.equals("DATABASE_URL"));
        builder.environment().putAll(env);
        return builder;
    }

    /** One second run, timed from its start to its exit; fails unless it exits 75. */
    private double second(Path directory, Map<String, String> env) throws Exception {
        ProcessBuilder builder = start(directory, env).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        int code = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 75) {
            throw new IllegalStateException("a second collect exited " + code + ", not 75");
        }
        return seconds;
    }

    private static void awaitLock(TestDatabase database, Process first) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!first.isAlive()) {
                throw new IllegalStateException("the first collect ended (exit " + first.exitValue() + ")");
            }
            try {
                if (database.queryLong("SELECT COUNT(*) FROM run_locks") > 0) {
                    return;
                }
            } catch (IllegalStateException notMigratedYet) {
                // the first run is still creating the schema
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the first collect took no lock within 2 minutes");
    }

    @Override
    public void close() {
        steamSpy.stop();
    }
}
