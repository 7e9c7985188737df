package dev.steamcollector.bench;

import dev.steamcollector.cli.Environment;
import dev.steamcollector.cli.Main;
import dev.steamcollector.testing.LimitedServer;
import dev.steamcollector.testing.LimitedServer.Arrival;
import dev.steamcollector.testing.LimitedServer.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The adaptive pace against a local SteamSpy fake that keeps a limit of its own (a sliding second;
 * over-limit requests answered as SteamSpy does, HTTP 200 "Connection failed", or HTTP 429) with
 * 20-200 ms latency: {@code collect --app-ids} for GAMES games in this JVM, into SQLite, with the
 * default retry settings:
 * <ol>
 *   <li>configured 100/s, the server allows 50/s, 16 workers (both kinds of answer);</li>
 *   <li>the same, the server's limit dropping to 20/s after a third of the games and back to 50/s
 *   after two thirds (both kinds of answer);</li>
 *   <li>configured 50/s, the server allows it but answers 5% of requests "Connection failed" at random;</li>
 *   <li>configured 50/s, the server does not throttle (the {@code gate} benchmark's figures);</li>
 *   <li>configured 50/s, the server allows exactly that and throttles past it;</li>
 *   <li>configured 60/s, the server allows 1/s and answers "Connection failed" past it (30 games).</li>
 * </ol>
 */
public final class PacingBenchmark {

    private static final int MIN_LATENCY_MS = 20;
    private static final int MAX_LATENCY_MS = 200;
    private static final int WORKERS = 16;
    private static final String ROW = "  %-52s %s%n";

    private final int games;
    private boolean pass = true;

    private PacingBenchmark(int games) {
        this.games = games;
    }

    public static void main(String[] args) throws Exception {
        int games = args.length > 0 ? Integer.parseInt(args[0]) : 1_500;
        if (games < 30) {
            System.err.println("usage: pacing [GAMES>=30]");
            System.exit(2);
        }
        System.exit(new PacingBenchmark(games).run());
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "Adaptive pacing: collect --app-ids <%,d games>, %d workers, fake latency %d-%d ms"
                + " (uniform), default RETRY_ATTEMPTS, RETRY_BACKOFF, THROTTLE_PAUSE; %s%n", games, WORKERS,
                MIN_LATENCY_MS, MAX_LATENCY_MS, load());
        for (boolean with429 : new boolean[] {false, true}) {
            slowerServer(with429);
            movingLimit(with429);
        }
        busyAnswers();
        allowedInFull(false);
        allowedInFull(true);
        farBelow();
        System.out.printf(Locale.ROOT, "%s; other busy processes skew the timing%n", load());
        System.out.println("verdict: " + (pass ? "PASS" : "FAIL"));
        return pass ? 0 : 1;
    }

    private static LimitedServer limited(int limit, long seed, boolean with429) {
        LimitedServer server = LimitedServer.start(limit, MIN_LATENCY_MS, MAX_LATENCY_MS, 0, seed);
        return with429 ? server.answeringTooFastWith429() : server;
    }

    private static String answeredAs(boolean with429) {
        return with429 ? "over-limit answered HTTP 429" : "over-limit answered 'Connection failed' (as SteamSpy)";
    }

    private void slowerServer(boolean with429) throws IOException {
        System.out.println("1. configured 100/second, the server allows 50/second; " + answeredAs(with429));
        try (LimitedServer server = limited(50, 1, with429)) {
            Run run = collect(server, "100/second");
            List<Arrival> arrivals = server.arrivals();
            long firstAnswer = firstTooFastAnswer(arrivals);
            Stretch after = Stretch.of(arrivals, firstAnswer, Long.MAX_VALUE);
            row("answers/s after the first refusal", String.format(Locale.ROOT,
                    "%.1f = %.0f%% of the server's 50 (target >= 85%%, 42.5/s)", after.okPerSecond(),
                    100 * after.okPerSecond() / 50), after.okPerSecond() >= 42.5);
            row("requests sent after it that were over the limit", share(after, 0.05), after.tooFastShare() <= 0.05);
            run.report(this);
        }
    }

    private void movingLimit(boolean with429) throws IOException {
        System.out.println("2. configured 100/second, the server allows 50/second, 20/second after a third of the"
                + " games, 50/second again after two thirds; " + answeredAs(with429));
        try (LimitedServer server = limited(50, 2, with429)) {
            server.limitAfter(games / 3, 20);
            server.limitAfter(2L * games / 3, 50);
            Run run = collect(server, "100/second");
            List<Arrival> arrivals = server.arrivals();
            List<Long> changes = server.changedAt();
            if (changes.size() < 2) {
                row("limit changes", changes.size() + " of 2 happened", false);
                return;
            }
            Stretch high = Stretch.of(arrivals, Long.MIN_VALUE, changes.get(0));
            Stretch low = Stretch.of(arrivals, changes.get(0), changes.get(1));
            Stretch back = Stretch.of(arrivals, changes.get(1), Long.MAX_VALUE);
            row("at 50/second, first third", String.format(Locale.ROOT,
                    "%.1f answers/s, %s over the limit (target <= 5%%)", high.okPerSecond(),
                    percent(high.tooFastShare())), high.tooFastShare() <= 0.05);
            row("at 20/second, second third", String.format(Locale.ROOT,
                    "%.1f answers/s = %.0f%% of 20 (target >= 80%%), %s over the limit (target <= 5%%)",
                    low.okPerSecond(), 100 * low.okPerSecond() / 20, percent(low.tooFastShare())),
                    low.okPerSecond() >= 16 && low.tooFastShare() <= 0.05);
            row("at 50/second again, last third", String.format(Locale.ROOT,
                    "%.1f answers/s = %.0f%% of 50 (target >= 70%%), %s over the limit (target <= 5%%)",
                    back.okPerSecond(), 100 * back.okPerSecond() / 50, percent(back.tooFastShare())),
                    back.okPerSecond() >= 35 && back.tooFastShare() <= 0.05);
            run.report(this);
        }
    }

    private void busyAnswers() throws IOException {
        System.out.println("3. configured 50/second, the server allows it and answers 5% 'Connection failed: Too many"
                + " connections' at random");
        try (LimitedServer server = LimitedServer.start(Integer.MAX_VALUE, MIN_LATENCY_MS, MAX_LATENCY_MS, 0.05, 3)) {
            Run run = collect(server, "50/second");
            Stretch all = Stretch.of(server.arrivals(), Long.MIN_VALUE, Long.MAX_VALUE);
            double allowed = games / 50.0;
            row("busy answers", String.format(Locale.ROOT, "%,d of %,d requests", server.count(Outcome.BUSY),
                    all.requests()), true);
            row("details: first to last request at the server", String.format(Locale.ROOT,
                    "%.2f s = %.3f x the %.1f s the limit allows for %,d games (target <= 1.3)", all.seconds(),
                    all.seconds() / allowed, allowed, games), all.seconds() / allowed <= 1.3);
            row("wall time of the run", String.format(Locale.ROOT, "%.2f s = %.3f x", run.seconds(),
                    run.seconds() / allowed), true);
            run.report(this);
        }
    }

    /**
     * The server allows at least the configured limit: the rate achieved and the windows over it, as
     * the {@code gate} benchmark measures them; {@code enforced}: it allows exactly the configured
     * limit and answers 429 past it, so arrivals bunched by scheduling jitter draw throttle answers.
     */
    private void allowedInFull(boolean enforced) throws IOException {
        System.out.println(enforced ? "5. configured 50/second, the server allows exactly 50/second and throttles"
                + " past it (no target: jitter between the gate and the server's clock draws 429s)"
                : "4. configured 50/second, the server allows it (does not throttle)");
        try (LimitedServer server = LimitedServer.start(enforced ? 50 : Integer.MAX_VALUE, MIN_LATENCY_MS,
                MAX_LATENCY_MS, 0, enforced ? 5 : 4)) {
            Run run = collect(server, "50/second");
            List<Arrival> arrivals = server.arrivals();
            Stretch all = Stretch.of(arrivals, Long.MIN_VALUE, Long.MAX_VALUE);
            double achieved = (all.requests() - 1) / all.seconds();
            int most = mostInAnySecond(arrivals);
            row("achieved rate at the server, first to last", String.format(Locale.ROOT,
                    "%.2f requests/s = %.2f%% of 50%s", achieved, 2 * achieved, enforced ? "" : " (target >= 98%)"),
                    enforced || achieved >= 49);
            row("most arrivals in any 1 s window", String.format(Locale.ROOT, "%d (limit 50)%s; %d answered 429",
                    most, enforced ? "" : ", target <= 50", server.count(Outcome.TOO_FAST)), enforced || most <= 50);
            run.report(this);
        }
    }

    /** A server allowing a sixtieth of the configured limit: the pace falls to it, and every game gets its answer. */
    private void farBelow() throws IOException {
        int few = 30;
        System.out.println("6. configured 60/second, the server allows 1/second (a sixtieth) and answers 'Connection"
                + " failed' past it, " + few + " games");
        try (LimitedServer server = LimitedServer.start(1, MIN_LATENCY_MS, MAX_LATENCY_MS, 0, 6)) {
            Run run = collect(server, "60/second", few);
            List<Arrival> arrivals = server.arrivals().stream().sorted(Comparator.comparingLong(Arrival::nanos)).toList();
            List<Arrival> refused = arrivals.stream().filter(a -> a.outcome() == Outcome.TOO_FAST).toList();
            long from = refused.size() >= 20 ? refused.get(19).answeredNanos() : Long.MIN_VALUE;
            Stretch after = Stretch.of(arrivals, from, Long.MAX_VALUE);
            double rate = (after.requests() - 1) / after.seconds();
            row("refused requests in all", String.format(Locale.ROOT, "%,d of %,d", refused.size(), arrivals.size()),
                    true);
            row("requests/s at the server after the 20th refusal", String.format(Locale.ROOT,
                    "%.2f = %.2f x the server's 1/s (target <= 1.5)", rate, rate), !(rate > 1.5));
            run.report(this);
        }
    }

    private void row(String what, String figure, boolean ok) {
        System.out.printf(Locale.ROOT, ROW, what, figure + (ok ? "" : "  <- MISSED"));
        pass &= ok;
    }

    /** When the first "too fast" answer left the server, or never. */
    private static long firstTooFastAnswer(List<Arrival> arrivals) {
        return arrivals.stream().filter(a -> a.outcome() == Outcome.TOO_FAST).mapToLong(Arrival::answeredNanos)
                .min().orElse(Long.MAX_VALUE);
    }

    private static String share(Stretch stretch, double target) {
        return String.format(Locale.ROOT, "%s (%,d of %,d; target <= %.0f%%)", percent(stretch.tooFastShare()),
                stretch.tooFast(), stretch.requests(), 100 * target);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static int mostInAnySecond(List<Arrival> arrivals) {
        long[] times = arrivals.stream().mapToLong(Arrival::nanos).sorted().toArray();
        int most = 0;
        for (int start = 0, end = 0; start < times.length; start++) {
            while (end < times.length && times[end] - times[start] < 1_000_000_000L) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }

    /** The requests that reached the server in {@code [from, to)}: how many, how they were answered, over what time. */
    private record Stretch(long requests, long ok, long tooFast, double seconds) {

        static Stretch of(List<Arrival> arrivals, long from, long to) {
            List<Arrival> inside = arrivals.stream().filter(a -> a.nanos() >= from && a.nanos() < to)
                    .sorted(Comparator.comparingLong(Arrival::nanos)).toList();
            if (inside.size() < 2) {
                return new Stretch(inside.size(), 0, 0, Double.NaN);
            }
            long ok = inside.stream().filter(a -> a.outcome() == Outcome.OK).count();
            long tooFast = inside.stream().filter(a -> a.outcome() == Outcome.TOO_FAST).count();
            return new Stretch(inside.size(), ok, tooFast, (inside.getLast().nanos() - inside.getFirst().nanos()) / 1e9);
        }

        double okPerSecond() {
            return ok / seconds;
        }

        double tooFastShare() {
            return requests == 0 ? 0 : (double) tooFast / requests;
        }
    }

    /** One {@code collect} run: exit code, wall time and what it printed. */
    private record Run(int exitCode, double seconds, String out, String err, int games) {

        void report(PacingBenchmark benchmark) {
            out.lines().forEach(line -> System.out.println("  | " + line));
            err.lines().filter(line -> !line.isBlank()).forEach(line -> System.out.println("  ! " + line));
            boolean all = out.contains(String.format(Locale.ROOT, "%,d games processed: %,d succeeded", games, games));
            benchmark.row("exit code; every game stored", exitCode + "; " + (all ? "yes" : "no"), exitCode == 0 && all);
        }
    }

    private Run collect(LimitedServer server, String limit) throws IOException {
        return collect(server, limit, games);
    }

    private Run collect(LimitedServer server, String limit, int games) throws IOException {
        Path directory = Files.createTempDirectory("pacing-benchmark");
        try {
            // the SteamSpy details alone: the Store's description and reviews have a benchmark of their own
            Map<String, String> env = new TreeMap<>(Map.of(
                    "DATABASE_URL", "sqlite:///bench.db",
                    "STORE_DETAILS", "false",
                    "STEAMSPY_API_URL", server.baseUrl() + "/api.php",
                    "STEAM_API_URL", server.baseUrl(),
                    "STEAM_STORE_URL", server.baseUrl(),
                    "STEAMSPY_API_LIMIT", limit,
                    "MAX_WORKERS", Integer.toString(WORKERS),
                    "LOG_LEVEL", "WARN"));
            String appIds = IntStream.rangeClosed(1, games).mapToObj(i -> Integer.toString(10 * i))
                    .collect(Collectors.joining(","));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long start = System.nanoTime();
            int code = Main.run(new Environment(env, directory), new PrintWriter(out, true), new PrintWriter(err, true),
                    "collect", "--app-ids", appIds);
            return new Run(code, (System.nanoTime() - start) / 1e9, out.toString(), err.toString(), games);
        } finally {
            deleteAll(directory);
        }
    }

    private static String load() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " on "
                    + Runtime.getRuntime().availableProcessors() + " CPUs";
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
