package dev.steamcollector.bench;

import dev.steamcollector.bench.CatalogueServer.Kind;
import dev.steamcollector.testing.TestApis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Store catalogue pass of {@code collect}, in a child JVM against local fakes: a keyed app list
 * of GAMES games, then the catalogue at a scaled limit with the real service's latency, the other
 * sources held to a request or two. It measures requests per game, the share of the limit used, the
 * games described, what a second run asks, and projects the real defaults; a second scenario runs a
 * 180,000-game pass under {@code -Xmx256m} and reads the child's peak RSS.
 */
public final class CatalogueBenchmark {

    /**
     * The JVM options the systemd units give a run on a 1 GB droplet, besides the heap: the serial
     * collector, and the quick compiler only (the optimising one alone needs tens of MB while it works).
     */
    static final String DROPLET_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    static final String ROW = "  %-42s %s  [target %s] %s%n";
    static final int RATE = 10;
    static final int WORKERS = 8;
    static final String HEAP = "256m";
    static final int MEMORY_RATE = 100;
    static final long RSS_TARGET_MIB = 300;

    private boolean allPassed = true;

    public static void main(String[] args) throws Exception {
        boolean memoryOnly = args.length > 0 && args[0].equals("memory");
        String count = memoryOnly ? (args.length > 1 ? args[1] : "180000") : (args.length > 0 ? args[0] : "20000");
        int games = Integer.parseInt(count);
        if (games < 1_000 || games > 1_000_000) {
            System.err.println("usage: catalogue [GAMES] | catalogue memory [GAMES]; 1000 <= GAMES <= 1000000");
            System.exit(2);
        }
        CatalogueBenchmark benchmark = new CatalogueBenchmark();
        if (memoryOnly) {
            benchmark.memory(games);
        } else {
            CatalogueProjection projection = benchmark.pass(games);
            Pass large = benchmark.memory(CatalogueProjection.REAL_GAMES);
            benchmark.allPassed &= projection.withListStored(large.listToCatalogueSeconds(), CatalogueProjection.REAL_GAMES)
                    .printFirstRun(ROW);
        }
        System.out.println("verdict: " + CatalogueProjection.verdict(benchmark.allPassed));
        System.exit(benchmark.allPassed ? 0 : 1);
    }

    /** Figures 1 and 2: a complete pass at a scaled limit, and a run right after it; the real defaults measured by it. */
    private CatalogueProjection pass(int games) throws Exception {
        System.out.printf(Locale.ROOT, "Catalogue benchmark: %,d games from a keyed app list; STORE_CATALOGUE_API_LIMIT"
                + " %d/second, batch 100, MAX_WORKERS %d; catalogue latency 150-600 ms (uniform); SteamSpy details,"
                + " Store appdetails and appreviews at 1/hour; SteamSpy page 0 is {}; child -Xmx%s; load average %s%n",
                games, RATE, WORKERS, HEAP, loadAverage());
        Path directory = Files.createTempDirectory("catalogue-benchmark");
        try (CatalogueServer fakes = new CatalogueServer(games)) {
            fakes.catalogue.latency(150, 600);
            CollectChild child = new CollectChild(directory, HEAP, environment(fakes.baseUrl(), RATE));
            long maxDuration = maxDurationSeconds(games, RATE);
            System.out.printf(Locale.ROOT, "run 1: collect --max-duration %ds%n", maxDuration);
            CollectChild.Result first = child.run(List.of("--max-duration", maxDuration + "s"), maxDuration + 120,
                    Map.of());
            Pass measured = Pass.of(fakes);
            printRun(first, fakes.counts());
            figure("run 1 exit code", Integer.toString(first.exit()), "0", first.exit() == 0);
            describe(directory.resolve("bench.db"), games);
            paceFigures(measured, games, RATE, true);
            CatalogueProjection projection = new CatalogueProjection((double) measured.times().length / games,
                    measured.names(), measured.share(RATE), measured.listRequests() / Math.ceil(games / 50_000.0),
                    measured.listToCatalogueSeconds() * CatalogueProjection.REAL_GAMES / games, games);
            allPassed &= projection.printCataloguePass(ROW);

            int askedBefore = fakes.catalogue.idsAsked();
            int itemsBefore = fakes.catalogue.itemRequests();
            System.out.println("run 2: collect --max-duration 15s, right after run 1");
            CollectChild.Result again = child.run(List.of("--max-duration", "15s"), 135, Map.of());
            printRun(again, fakes.counts());
            int asked = fakes.catalogue.idsAsked() - askedBefore;
            figure("run 2: games asked of the catalogue", String.format(Locale.ROOT, "%,d of %,d = %.2f%% (%d requests)",
                    asked, games, 100.0 * asked / games, fakes.catalogue.itemRequests() - itemsBefore), "<= 1%",
                    again.exit() == 0 && asked * 100L <= games);
            return projection;
        } finally {
            deleteAll(directory);
        }
    }

    /** Figure 4: the peak RSS of a catalogue pass over {@code games} games under {@code -Xmx256m}; what the fakes saw. */
    private Pass memory(int games) throws Exception {
        System.out.printf(Locale.ROOT, "Memory: %,d games from a keyed app list, STORE_CATALOGUE_API_LIMIT %d/second,"
                + " catalogue latency 5-20 ms, child -Xmx%s %s (the droplet's options, as the systemd units ship them),"
                + " its VmHWM read every 100 ms; load average %s%n", games, MEMORY_RATE, HEAP,
                System.getProperty("bench.child.opts", DROPLET_OPTIONS), loadAverage());
        Path directory = Files.createTempDirectory("catalogue-memory");
        try (CatalogueServer fakes = new CatalogueServer(games)) {
            fakes.catalogue.latency(5, 20);
            CollectChild child = new CollectChild(directory, HEAP, environment(fakes.baseUrl(), MEMORY_RATE))
                    .withOptions(DROPLET_OPTIONS);
            long maxDuration = maxDurationSeconds(games, MEMORY_RATE);
            System.out.printf(Locale.ROOT, "run: collect --max-duration %ds%n", maxDuration);
            Map<String, BooleanSupplier> marks = new LinkedHashMap<>();
            marks.put("start-up (until the app list's first request)", () -> fakes.counts().get(Kind.APP_LIST) > 0);
            marks.put("start-up and list (until the catalogue's first request)", () -> fakes.catalogue.itemRequests() > 0);
            CollectChild.Result run = child.run(List.of("--max-duration", maxDuration + "s"), maxDuration + 120, marks);
            printRun(run, fakes.counts());
            figure("exit code", Integer.toString(run.exit()), "0", run.exit() == 0);
            Pass measured = Pass.of(fakes);
            paceFigures(measured, games, MEMORY_RATE, false);
            System.out.printf(Locale.ROOT, "  %-42s %.1f s%n", "list's first request to catalogue's first",
                    measured.listToCatalogueSeconds());
            describe(directory.resolve("bench.db"), games);
            run.peakRssAt().forEach((mark, peak) -> System.out.printf(Locale.ROOT, "  peak RSS, %s: %s%n", mark, mib(peak)));
            OptionalLong peak = run.peakRss();
            figure("peak RSS (VmHWM), whole run", mib(peak), "<= " + RSS_TARGET_MIB + " MiB",
                    peak.isPresent() && peak.getAsLong() <= RSS_TARGET_MIB << 20);
            return measured;
        } finally {
            deleteAll(directory);
        }
    }

    /** Long enough for the list and twice the pass; the other sources then stop at the deadline. */
    private static long maxDurationSeconds(int games, int rate) {
        return 15 + 2 * (long) Math.ceil(games / 100.0 / rate) + games / 10_000;
    }

    private static Map<String, String> environment(String baseUrl, int rate) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "sqlite:///bench.db");
        env.put("STEAM_API_KEY", TestApis.API_KEY);
        env.put("STEAM_API_URL", baseUrl);
        env.put("STEAM_STORE_URL", baseUrl);
        env.put("STEAMSPY_API_URL", baseUrl + "/api.php");
        env.put("STEAM_WEB_API_LIMIT", "100/second");
        env.put("STORE_DETAILS", "true");
        env.put("STORE_CATALOGUE", "true");
        env.put("STORE_CATALOGUE_API_LIMIT", rate + "/second");
        for (String held : List.of("STEAMSPY_API_LIMIT", "STEAM_STORE_API_LIMIT", "STEAM_REVIEWS_API_LIMIT")) {
            env.put(held, "1/hour");
        }
        env.put("MAX_WORKERS", Integer.toString(WORKERS));
        env.put("LOG_LEVEL", "WARN");
        return env;
    }

    /**
     * The items requests against their bound, and the share of the limit they used: a target at a
     * pace the latency and the machine allow ({@code judged}), a plain figure at the memory run's.
     */
    private void paceFigures(Pass measured, int games, int rate, boolean judged) {
        int requests = measured.times().length;
        long bound = (long) Math.ceil(games / 100.0) + 5;
        figure("catalogue GetItems requests", String.format(Locale.ROOT, "%,d (%.4f a game; %,d ids asked; %d name"
                + " requests)", requests, (double) requests / games, measured.idsAsked(), measured.names()),
                String.format(Locale.ROOT, "<= ceil(N/100)+5 = %,d", bound), requests > 0 && requests <= bound);
        String share = String.format(Locale.ROOT, "%,d / (%d/s x %.3f s + 1) = %.1f%%", requests, rate, measured.span(),
                100 * measured.share(rate));
        System.out.printf(Locale.ROOT, "  %-42s %.0f ms (the gate's spacing: %.0f ms)%n", "largest gap between requests",
                measured.largestGap() / 1e6, 1e3 / rate);
        if (judged) {
            figure("share of the catalogue limit used", share, ">= 95%", requests > 1 && measured.share(rate) >= 0.95);
        } else {
            System.out.printf(Locale.ROOT, "  %-42s %s (no target: at this pace the two JVMs share the CPU)%n",
                    "share of the catalogue limit used", share);
        }
    }

    private void figure(String what, String value, String target, boolean ok) {
        allPassed &= ok;
        System.out.printf(Locale.ROOT, ROW, what, value, target, CatalogueProjection.verdict(ok));
    }

    private static void printRun(CollectChild.Result run, Map<Kind, Integer> counts) {
        System.out.printf(Locale.ROOT, "  exit %d after %.1f s; requests at the fakes so far: %s%n", run.exit(),
                run.wallNanos() / 1e9, counts.entrySet().stream().map(e -> e.getKey().label + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        run.log().stream().filter(line -> !line.isBlank()).forEach(line -> System.out.println("  | " + line));
        if (run.log().stream().anyMatch(line -> line.contains("In-flight requests did not finish"))) {
            System.out.println("  (those warnings: the sources held at 1/hour, still waiting at their gates, cancelled at"
                    + " --max-duration)");
        }
    }

    /** Checks that every game in the database was described by the catalogue. */
    private void describe(Path database, int games) throws SQLException {
        long listed = query(database, "SELECT COUNT(*) FROM games");
        long described = query(database, "SELECT COUNT(*) FROM games g JOIN store_details s ON s.app_id = g.app_id"
                + " WHERE s.catalogue_status IN ('success', 'not_found')");
        figure("games described (success or not_found)", String.format(Locale.ROOT, "%,d of %,d games in the database",
                described, listed), String.format(Locale.ROOT, "%,d", games), listed == games && described == games);
    }

    private static long query(Path database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    private static String loadAverage() throws IOException {
        Path load = Path.of("/proc/loadavg");
        return Files.isReadable(load) ? Files.readString(load).strip().replaceAll("^(\\S+ \\S+ \\S+).*", "$1") + " on "
                + Runtime.getRuntime().availableProcessors() + " CPUs" : "unavailable";
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? String.format(Locale.ROOT, "%.1f MiB", bytes.getAsLong() / 1048576.0) : "unavailable";
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The catalogue's requests as the fakes saw them: arrivals of the items requests (nanoTime), and the list's last. */
    private record Pass(long[] times, int idsAsked, int names, int listRequests, long firstListArrival) {

        static Pass of(CatalogueServer fakes) {
            long[] times = fakes.catalogue.requestTimes().stream().mapToLong(Long::longValue).sorted().toArray();
            return new Pass(times, fakes.catalogue.idsAsked(), fakes.counts().get(Kind.CATALOGUE_NAMES),
                    fakes.counts().get(Kind.APP_LIST), fakes.firstArrival(Kind.APP_LIST));
        }

        /** Seconds from the list's first request to the catalogue's first: the list fetched and stored. */
        double listToCatalogueSeconds() {
            return times.length == 0 ? 0 : (times[0] - firstListArrival) / 1e9;
        }

        /** The longest wait between two items requests in a row, in nanoseconds. */
        long largestGap() {
            long largest = 0;
            for (int i = 1; i < times.length; i++) {
                largest = Math.max(largest, times[i] - times[i - 1]);
            }
            return largest;
        }

        /** Seconds from the first items request to the last. */
        double span() {
            return times.length < 2 ? 0 : (times[times.length - 1] - times[0]) / 1e9;
        }

        /** Requests over what the limit allows from the first to the last, counting the first one's slot. */
        double share(int rate) {
            return times.length / (rate * span() + 1);
        }
    }
}
