package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steamcollector.cli.Environment;
import dev.steamcollector.cli.Main;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.model.PriceCandidate;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.testing.AppListFake;
import dev.steamcollector.testing.AppListFake.App;
import dev.steamcollector.testing.StoreFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How many Store requests an hourly {@code prices} run needs once change numbers are known: a
 * keyed app list of GAMES games, of which a share moved their prices since a run an hour ago.
 * Runs {@code prices} in-process against loopback fakes at fast limits on SQLite, counts the
 * requests, and computes the wall time the same run takes at the real limits.
 */
public final class ChangesBenchmark {

    private static final String COUNTRY = "us";
    private static final String ROW = "  %-44s %s%n";
    private static final RateLimit WEB_API = RateLimit.parse("STEAM_WEB_API_LIMIT", "100000/day");
    private static final RateLimit STORE = RateLimit.parse("STEAM_STORE_API_LIMIT", "200/5minutes");
    /** The gate spaces requests at the limit's interval plus 1% (RateGate.SAFETY_MARGIN). */
    private static final double MARGIN = 1.01;

    private final AppListFake list = new AppListFake();
    private final StoreFake store = new StoreFake();

    /** One {@code Main.run}: exit code, wall time, requests per API, and what it printed. */
    private record Measured(int exitCode, double seconds, int listRequests, int storeRequests, String out,
            String err) {
    }

    public static void main(String[] args) throws Exception {
        int games = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double movedPercent = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        if (games < 100 || movedPercent < 0 || movedPercent > 100) {
            System.err.println("usage: changes [GAMES>=100] [MOVED_PERCENT 0-100]");
            System.exit(2);
        }
        System.exit(new ChangesBenchmark().run(games, movedPercent));
    }

    private int run(int games, double movedPercent) throws Exception {
        int moved = (int) Math.round(games * movedPercent / 100);
        System.out.printf(Locale.ROOT, "Change numbers benchmark: %,d keyed games, %s%% of prices moved (%,d games),"
                + " one country, 100 games a Store request, sweep period 7d, SQLite%n", games, movedPercent, moved);
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(16).extensions(list, store));
        server.start();
        Path directory = Files.createTempDirectory("changes-benchmark");
        try {
            list.putAll(AppListFake.catalogue(games));
            list.serve(server);
            store.serve(server);
            list.apps().forEach(app -> store.answer(COUNTRY, app.appId(), StoreFake.priced("USD", 1999, 1999, 0)));
            Map<String, String> env = environment("http://127.0.0.1:" + server.port());

            Measured first = measure(server, directory, env);
            report("run 1: the first keyed 'prices' (every game is new)", first);
            if (first.exitCode() != 0) {
                System.out.println("verdict: FAIL (the first run failed)");
                return 1;
            }

            // an hour passes: every check is an hour old, and some prices move
            rewindChecks(directory, Duration.ofHours(1));
            List<App> all = list.apps();
            for (int i = 0; i < moved; i++) {
                App app = all.get((int) ((long) i * all.size() / moved));
                list.put(app.withPriceChangeNumber(app.priceChangeNumber() + 1));
                store.answer(COUNTRY, app.appId(), StoreFake.priced("USD", 1999, 999, 50));
            }
            Measured hourly = measure(server, directory, env);
            report("run 2: an hour later, " + movedPercent + "% moved (the hourly run)", hourly);
            long changed = count(directory, "SELECT COUNT(*) FROM price_history WHERE price_cents = 999");

            Measured full = measure(server, directory, env, "--all");
            report("run 3: 'prices --all', every active game as before change numbers", full);

            return verdict(games, moved, hourly, full, changed);
        } finally {
            server.stop();
            deleteAll(directory);
        }
    }

    private static Map<String, String> environment(String base) {
        return Map.ofEntries(Map.entry("DATABASE_URL", TestDatabase.sqlite(Path.of("")).url()),
                Map.entry("STEAM_API_KEY", TestApis.API_KEY),
                Map.entry("STEAM_API_URL", base), Map.entry("STEAM_STORE_URL", base),
                Map.entry("STEAMSPY_API_URL", base + "/api.php"), Map.entry("STEAM_WEB_API_LIMIT", "1000/second"),
                Map.entry("STEAM_STORE_API_LIMIT", "1000/second"), Map.entry("STORE_COUNTRY_CODES", COUNTRY),
                Map.entry("LOG_LEVEL", "WARN"));
    }

    private Measured measure(WireMockServer server, Path directory, Map<String, String> env, String... options) {
        server.resetRequests();
        String[] args = Stream.concat(Stream.of("prices"), Stream.of(options)).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Main.run(new Environment(env, directory), new PrintWriter(out, true), new PrintWriter(err, true),
                args);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measured(code, seconds, AppListFake.requests(server), StoreFake.requests(server), out.toString(),
                err.toString());
    }

    /** Makes every Store check look {@code ago} older, through the program's own repository. */
    private void rewindChecks(Path directory, Duration ago) {
        TestDatabase db = TestDatabase.sqlite(directory);
        try (Database database = Database.open(db.settings())) {
            List<PriceCandidate> games = list.apps().stream()
                    .map(app -> new PriceCandidate(app.appId(), app.priceChangeNumber(), PriceCandidate.Reason.SWEEP))
                    .toList();
            database.priceChecks().store(COUNTRY, games, List.of(),
                    Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS), change -> Optional.empty(),
                    Optional.empty());
        }
    }

    private static void report(String title, Measured run) {
        System.out.println(title);
        run.out().lines().forEach(line -> System.out.println("  | " + line));
        run.err().lines().forEach(line -> System.out.println("  ! " + line));
        System.out.printf(Locale.ROOT, ROW, "exit code", run.exitCode());
        System.out.printf(Locale.ROOT, ROW, "requests", String.format(Locale.ROOT,
                "%,d Store (one country), %,d app list", run.storeRequests(), run.listRequests()));
        System.out.printf(Locale.ROOT, ROW, "wall time here (fast limits, local fakes)",
                String.format(Locale.ROOT, "%.2f s", run.seconds()));
        double listing = pacing(run.listRequests(), WEB_API);
        double pricing = pacing(run.storeRequests(), STORE);
        System.out.printf(Locale.ROOT, ROW, "wall time at the real limits", String.format(Locale.ROOT,
                "%s = listing %.1f s ((%d-1) x %.3f s at %s) + Store %s ((%,d-1) x %.3f s at %s)"
                        + " + local work %.1f s, plus the APIs' latency",
                clock(listing + pricing + run.seconds()), listing, run.listRequests(), interval(WEB_API), WEB_API,
                clock(pricing), run.storeRequests(), interval(STORE), STORE, run.seconds()));
    }

    /** Seconds the gate needs to let {@code requests} leave at {@code limit}: the first leaves at once. */
    private static double pacing(int requests, RateLimit limit) {
        return Math.max(0, requests - 1) * interval(limit);
    }

    private static double interval(RateLimit limit) {
        return limit.interval().toNanos() / 1e9 * MARGIN;
    }

    private static int verdict(int games, int moved, Measured hourly, Measured full, long changed) {
        int perRequest = 100;
        long sweepShare = (long) Math.ceil(games * 3600.0 / Duration.ofDays(7).toSeconds());
        long target = 20 + Math.ceilDiv(sweepShare, perRequest);
        boolean requestsOk = hourly.storeRequests() <= target;
        boolean pricesOk = changed == moved;
        System.out.println("verdict:");
        System.out.printf(Locale.ROOT, ROW, "hourly run's Store requests", String.format(Locale.ROOT,
                "%,d (moved games: %,d requests; the sweep's hourly share of %,d games: %,d requests;"
                        + " target <= 20 + sweep share = %d) vs %,d with --all: %s", hourly.storeRequests(),
                Math.ceilDiv(moved, perRequest), sweepShare, Math.ceilDiv(sweepShare, perRequest), target,
                full.storeRequests(), requestsOk ? "PASS" : "FAIL"));
        System.out.printf(Locale.ROOT, ROW, "moved prices recorded", String.format(Locale.ROOT, "%,d of %,d: %s",
                changed, moved, pricesOk ? "OK" : "MISMATCH"));
        System.out.println("note: the sweep share is computed from the time since the last check, a little over"
                + " an hour here; the machine is shared, so the local times are pessimistic");
        boolean pass = requestsOk && pricesOk && hourly.exitCode() == 0 && full.exitCode() == 0;
        System.out.println("verdict: " + (pass ? "PASS" : "FAIL"));
        return pass ? 0 : 1;
    }

    private static long count(Path directory, String sql) {
        return TestDatabase.sqlite(directory).queryLong(sql);
    }

    private static String clock(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 60 ? String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
