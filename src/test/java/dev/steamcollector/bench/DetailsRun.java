package dev.steamcollector.bench;

import dev.steamcollector.cli.Environment;
import dev.steamcollector.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The measured side of {@link DetailsBenchmark}: runs {@code collect} in-process, twice, and checks the database. */
public final class DetailsRun {

    private static final double MEAN_LATENCY = (SyntheticSteamSpy.MIN_DELAY_MS + SyntheticSteamSpy.MAX_DELAY_MS) / 2000.0;
    private static final double PASS_RATIO = 1.05;
    private static final String ROW = "  %-36s %s%n";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One {@code Main.run}: its exit code, wall and process CPU time, and what it printed. */
    private record Measured(int exitCode, long startMicros, long endMicros, long wallNanos, long cpuNanos, String out,
            String err) {
    }

    public static void main(String[] args) throws Exception {
        System.exit(new DetailsRun().run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Path.of(args[3])));
    }

    /** {@code times} receives the wall-clock span of each Main.run, for the fake to set its arrivals against. */
    private int run(String base, int games, int pages, Path times) throws Exception {
        Path directory = Files.createTempDirectory("details-benchmark");
        try {
            Map<String, String> env = Map.of(
                    "DATABASE_URL", "sqlite:///bench.db",
                    "STEAMSPY_API_URL", base + "/api.php",
                    "STEAM_API_URL", base,
                    "STEAM_STORE_URL", base,
                    "STEAMSPY_API_LIMIT", DetailsBenchmark.DETAILS_RATE + "/second",
                    "STEAMSPY_ALL_LIMIT", DetailsBenchmark.PAGES_RATE + "/second",
                    "MAX_WORKERS", "32",
                    "BATCH_SIZE", "100",
                    // the SteamSpy side alone; the Store details have a benchmark of their own
                    "STORE_DETAILS", "false",
                    "LOG_LEVEL", "WARN");
            System.out.println("child: environment " + new TreeMap<>(env));
            int[] ids = SyntheticSteamSpy.detailsAppIds(games, pages);
            String appIds = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(","));
            String jdbc = "jdbc:sqlite:" + directory.resolve("bench.db");

            Measured details = measure(directory, env, "collect", "--app-ids", appIds);
            String rssAfterDetails = procStatus("VmHWM");
            Files.writeString(times, details.startMicros() + " " + details.endMicros() + "\n");
            System.out.printf(Locale.ROOT, "details run: collect --app-ids <%,d appids> (inserts them, then fetches"
                    + " each one's details; no pages)%n", games);
            boolean detailsOk = report(details, jdbc, 1, games, DetailsBenchmark.DETAILS_RATE, games, "games")
                    & check("games with fetch_status 'success' and named 'Game <appid>'",
                            count(jdbc, "SELECT COUNT(*) FROM game_metadata m JOIN games g ON g.app_id = m.app_id"
                                    + " WHERE m.fetch_status = 'success' AND g.name = 'Game ' || g.app_id"
                                    + " AND m.positive_reviews = " + SyntheticSteamSpy.DETAILS_POSITIVE), games);

            Measured bulk = measure(directory, env, "collect", "--update-metadata", "--limit", "0");
            Files.writeString(times, bulk.startMicros() + " " + bulk.endMicros() + "\n", StandardOpenOption.APPEND);
            System.out.printf(Locale.ROOT, "bulk run: collect --update-metadata --limit 0 (the page pass only:"
                    + " %d pages + the empty one ending the pass; no details)%n", pages);
            boolean bulkOk = report(bulk, jdbc, 2, pages + 1, DetailsBenchmark.PAGES_RATE,
                    pages * SyntheticSteamSpy.PAGE_SIZE, "games on the pages")
                    & check("page passes completed (completed_at set, next_page " + pages + ")",
                            count(jdbc, "SELECT COUNT(*) FROM page_passes WHERE completed_at IS NOT NULL"
                                    + " AND next_page = " + pages), 1)
                    & check("known games with the page's figures, details kept", updatedFigures(jdbc, ids), games);

            System.out.println("memory (the child JVM, both runs in one process):");
            System.out.printf(Locale.ROOT, ROW, "max heap", mib(Runtime.getRuntime().maxMemory())
                    + " (" + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                            .filter(a -> a.startsWith("-Xmx")).findFirst().orElse("default") + ")");
            System.out.printf(Locale.ROOT, ROW, "peak RSS (VmHWM) after the details run", rssAfterDetails);
            System.out.printf(Locale.ROOT, ROW, "peak RSS (VmHWM) at the end", procStatus("VmHWM"));
            System.out.printf(Locale.ROOT, ROW, "process CPU in all (start-up included)",
                    String.format(Locale.ROOT, "%.2f s on %d CPUs", os.getProcessCpuTime() / 1e9,
                            Runtime.getRuntime().availableProcessors()));
            System.out.printf(Locale.ROOT, ROW, "garbage collectors", ManagementFactory.getGarbageCollectorMXBeans()
                    .stream().map(gc -> gc.getName() + " x" + gc.getCollectionCount() + " (" + gc.getCollectionTime()
                            + " ms)").collect(Collectors.joining(", ")));
            System.out.println("note: the gate spaces requests 1% wider than the limit (RateGate.SAFETY_MARGIN), so"
                    + " the best achievable ratio against N/rate is about 1.01");
            boolean pass = detailsOk && bulkOk;
            System.out.println("verdict: " + (pass ? "PASS" : "FAIL"));
            return pass ? 0 : 1;
        } finally {
            deleteAll(directory);
        }
    }

    private Measured measure(Path directory, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long cpu = os.getProcessCpuTime();
        long startMicros = DetailsBenchmark.epochMicros();
        long start = System.nanoTime();
        int code = Main.run(new Environment(env, directory), new PrintWriter(out, true), new PrintWriter(err, true),
                args);
        long wall = System.nanoTime() - start;
        return new Measured(code, startMicros, DetailsBenchmark.epochMicros(), wall, os.getProcessCpuTime() - cpu,
                out.toString(), err.toString());
    }

    /** Prints a run's figures; false when it failed or missed the time target. */
    private boolean report(Measured run, String jdbc, int runId, int expected, int rate, int perGames, String what)
            throws SQLException {
        run.out().lines().forEach(line -> System.out.println("  | " + line));
        run.err().lines().forEach(line -> System.out.println("  ! " + line));
        long requests = count(jdbc, "SELECT requests FROM collection_runs WHERE id = " + runId);
        long retries = count(jdbc, "SELECT retries FROM collection_runs WHERE id = " + runId);
        double wall = run.wallNanos() / 1e9;
        double tight = (expected - 1.0) / rate + MEAN_LATENCY;
        double plain = (double) expected / rate;
        boolean pass = run.exitCode() == 0 && requests == expected && wall / plain <= PASS_RATIO;
        double cpu = run.cpuNanos() / 1e9;
        System.out.printf(Locale.ROOT, ROW, "exit code", run.exitCode());
        System.out.printf(Locale.ROOT, ROW, "requests (N, the program's count)",
                String.format(Locale.ROOT, "%,d, %d retries (expected %,d)", requests, retries, expected));
        System.out.printf(Locale.ROOT, ROW, "wall time of Main.run", String.format(Locale.ROOT, "%.3f s", wall));
        // SQLite holds times as ISO text: julianday() turns them into days
        long began = count(jdbc, "SELECT CAST(ROUND((julianday(started_at) - 2440587.5) * 86400000) AS INTEGER)"
                + " FROM collection_runs WHERE id = " + runId) - run.startMicros() / 1_000;
        long recorded = count(jdbc, "SELECT CAST(ROUND((julianday(finished_at) - julianday(started_at)) * 86400000)"
                + " AS INTEGER) FROM collection_runs WHERE id = " + runId);
        System.out.printf(Locale.ROOT, ROW, "  split of the wall time", String.format(Locale.ROOT,
                "%.3f s before the run record (settings, database, migrations, lock), %.3f s run record, %.3f s after",
                began / 1e3, recorded / 1e3, wall - (began + recorded) / 1e3));
        System.out.printf(Locale.ROOT, ROW, "minimum: (N-1)/rate + mean latency", String.format(Locale.ROOT,
                "(%,d-1)/%d + %.2f = %.3f s -> ratio %.4f", expected, rate, MEAN_LATENCY, tight, wall / tight));
        System.out.printf(Locale.ROOT, ROW, "minimum: N/rate", String.format(Locale.ROOT,
                "%,d/%d = %.3f s -> ratio %.4f (target <= %.2f): %s", expected, rate, plain, wall / plain,
                PASS_RATIO, pass ? "PASS" : "FAIL"));
        System.out.printf(Locale.ROOT, ROW, "CPU time of the process in the run", String.format(Locale.ROOT,
                "%.2f s = %.3f s per 1,000 %s (%,d)", cpu, cpu * 1000 / perGames, what, perGames));
        return pass;
    }

    private static boolean check(String what, long actual, long expected) {
        boolean ok = actual == expected;
        System.out.printf(Locale.ROOT, ROW, "check: " + what,
                String.format(Locale.ROOT, "%,d of %,d: %s", actual, expected, ok ? "OK" : "MISMATCH"));
        return ok;
    }

    /** Known games whose review count is now the page's, with genre and fetch status still from the details. */
    private static long updatedFigures(String jdbc, int[] ids) throws SQLException {
        Set<Integer> wanted = Arrays.stream(ids).boxed().collect(Collectors.toSet());
        long matching = 0;
        try (Connection connection = DriverManager.getConnection(jdbc);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT app_id, positive_reviews, genre, fetch_status FROM game_metadata");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                int appId = rows.getInt(1);
                if (wanted.contains(appId) && rows.getInt(2) == SyntheticSteamSpy.pagePositive(appId)
                        && SyntheticSteamSpy.GENRE.equals(rows.getString(3)) && "success".equals(rows.getString(4))) {
                    matching++;
                }
            }
        }
        return matching;
    }

    private static long count(String jdbc, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbc);
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    /** A line of /proc/self/status, as "N MiB", or "unavailable" off Linux. */
    private static String procStatus(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "unavailable (no /proc/self/status)";
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith(field + ":"))
                    .map(line -> mib(Long.parseLong(line.replaceAll("\\D", "")) * 1024))
                    .findFirst().orElse("unavailable");
        }
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
