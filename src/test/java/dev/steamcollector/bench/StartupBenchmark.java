package dev.steamcollector.bench;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How long {@code scripts/steam-collector --help} and {@code status} (on a 2,000-game SQLite
 * database) take from the shell, and how long a second {@code collect} takes to exit 75 while one
 * runs ({@code lock}), without and with the start-up cache of Java 24+: the median of N runs of
 * each, against the targets; then {@code lock} on PostgreSQL.
 */
public final class StartupBenchmark {

    static final Path LAUNCHER = Path.of("scripts/steam-collector").toAbsolutePath();
    static final int GAMES = 2_000;
    static final Map<String, Double> TARGETS = Map.of("--help", 0.25, "status", 0.6, "lock", 2.0);

    private final Path directory;
    private final int runs;
    private final LockTiming lock;

    private StartupBenchmark(Path directory, int runs) throws IOException {
        this.directory = directory;
        this.runs = runs;
        this.lock = new LockTiming(LAUNCHER, runs);
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        Path directory = Files.createTempDirectory("startup-benchmark");
        StartupBenchmark benchmark = new StartupBenchmark(directory, runs);
        try (benchmark.lock) {
            benchmark.run();
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        fillDatabase();
        String version = launch(Map.of("STEAM_COLLECTOR_AOT", "off"), "--version").out().lines().skip(1)
                .findFirst().orElse("?");
        System.out.printf(Locale.ROOT, "Start-up benchmark: scripts/steam-collector on %s, a %,d-game SQLite database,"
                + " median of %d runs; load average %s%n", version, GAMES, runs, loadAverage());
        List<String> commands = List.of("--help", "status", "lock");
        List<Double> without = new ArrayList<>();
        for (String command : commands) {
            without.add(median(Map.of("STEAM_COLLECTOR_AOT", "off"), command));
        }
        Map<String, String> cached = Map.of("STEAM_COLLECTOR_AOT", "on");
        Duration making = makeCache(cached);
        System.out.printf(Locale.ROOT, "%-10s %15s %15s %10s%n", "command", "without cache", "with cache", "target");
        for (int i = 0; i < commands.size(); i++) {
            String command = commands.get(i);
            String with = making == null ? "n/a" : String.format(Locale.ROOT, "%.3f s", median(cached, command));
            System.out.printf(Locale.ROOT, "%-10s %13.3f s %15s %8.2f s%n", command, without.get(i), with,
                    TARGETS.get(command));
        }
        if (making == null) {
            System.out.println("cache: none (it needs Java 24 or newer; the launcher starts without one)");
        } else {
            System.out.printf(Locale.ROOT, "cache: %,d MB, made in the background in %d s after the first start%n",
                    cacheBytes() / 1_000_000, making.toSeconds());
        }
        System.out.printf(Locale.ROOT, "lock on PostgreSQL (embedded, without cache): %.3f s%n",
                lock.median(TestDatabase.postgres(), directory.resolve("lock-postgresql"),
                        Map.of("STEAM_COLLECTOR_AOT", "off", "STEAM_COLLECTOR_CACHE_DIR", cacheDirectory().toString())));
    }

    /** A SQLite database of {@value #GAMES} games with their metadata and a few runs. */
    private void fillDatabase() {
        TestDatabase db = TestDatabase.sqlite(directory);
        Instant now = Instant.now();
        try (Database database = Database.open(db.settings())) {
            database.migrations().apply();
            database.games().upsertGames(IntStream.range(0, GAMES).mapToObj(i -> new Game(10 * (i + 1), "Game " + i))
                    .toList(), now);
            List<MetadataUpdate> updates = new ArrayList<>();
            for (int i = 0; i < GAMES; i++) {
                int appId = 10 * (i + 1);
                // a tenth still due: pending, or failed
                updates.add(i % 10 == 0 ? new MetadataUpdate.Failed(appId, "HTTP 503", now, now)
                        : i % 10 == 1 ? new MetadataUpdate.NotFound(appId, now)
                        : new MetadataUpdate.Fetched(metadata(appId), now));
            }
            database.metadata().upsert(updates);
            for (int run = 0; run < 10; run++) {
                long id = database.runs().start("incremental", 1, "bench", now.minusSeconds(3_600L * (run + 1)));
                database.runs().finish(id, RunStatus.SUCCEEDED, new RunCounters(GAMES, 0, 0, 200, 190, 5, 5, 200, 3, 0),
                        null, now.minusSeconds(3_600L * run + 60));
            }
        }
    }

    private static GameMetadata metadata(int appId) {
        return new GameMetadata(appId, "Studio", "Publisher", "20,000 .. 50,000", 20_000L, 50_000L, 1_200, 300,
                null, 240, 35, 120, 20, 42, 999, 1999, 50, "Action, Indie", "English, French", "{\"Indie\":120}");
    }

    private double median(Map<String, String> env, String command) throws Exception {
        if (command.equals("lock")) {
            Map<String, String> withCache = new HashMap<>(env);
            withCache.put("STEAM_COLLECTOR_CACHE_DIR", cacheDirectory().toString());
            Path lockDirectory = directory.resolve("lock-sqlite-" + env.get("STEAM_COLLECTOR_AOT"));
            return lock.median(TestDatabase.sqlite(lockDirectory), lockDirectory, withCache);
        }
        launch(env, command);
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            seconds.add(launch(env, command).seconds());
        }
        seconds.sort(Comparator.naturalOrder());
        return seconds.get(seconds.size() / 2);
    }

    /** Starts once with the cache on, then waits for the cache the launcher makes in the background. */
    private Duration makeCache(Map<String, String> env) throws Exception {
        long start = System.nanoTime();
        launch(env, "--version");
        Path cache = cacheDirectory();
        while (true) {
            try (Stream<Path> files = Files.list(cache)) {
                List<Path> all = files.toList();
                boolean making = all.stream().anyMatch(file -> file.toString().endsWith(".lock"));
                if (!making) {
                    boolean made = all.stream().anyMatch(file -> file.toString().endsWith(".stamp"));
                    return made ? Duration.ofNanos(System.nanoTime() - start) : null;
                }
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private long cacheBytes() throws IOException {
        try (Stream<Path> files = Files.list(cacheDirectory())) {
            return files.filter(file -> file.toString().endsWith(".aot")).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private Path cacheDirectory() throws IOException {
        return Files.createDirectories(directory.resolve("cache"));
    }

    private record Launch(double seconds, String out) {
    }

    /** Runs the launcher in the database's directory; fails unless it exits 0. */
    private Launch launch(Map<String, String> env, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("STEAM") && !name.startsWith("STEAM_COLLECTOR")
                || name.equals("DATABASE_URL"));
        builder.environment().put("STEAM_COLLECTOR_CACHE_DIR", cacheDirectory().toString());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " exited " + process.exitValue() + ": " + out);
        }
        return new Launch((System.nanoTime() - start) / 1e9, out);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException unknown) {
            return "unknown";
        }
    }
}
