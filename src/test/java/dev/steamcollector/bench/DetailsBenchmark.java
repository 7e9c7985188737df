package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Serves a SteamSpy fake with 20-200 ms latency and has a child JVM run {@code collect} for per-game
 * details and for the {@code all} pages at scaled limits, timing each run against what its limit allows.
 */
public final class DetailsBenchmark {

    static final int DETAILS_RATE = 100;
    static final int PAGES_RATE = 5;

    private final Queue<Long> detailArrivals = new ConcurrentLinkedQueue<>();
    private final Queue<Long> pageArrivals = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        int games = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        if (games < 1 || pages < 1 || games > (long) pages * SyntheticSteamSpy.PAGE_SIZE) {
            System.err.println("usage: details [GAMES>=1] [PAGES>=1], GAMES <= PAGES*" + SyntheticSteamSpy.PAGE_SIZE);
            System.exit(2);
        }
        System.exit(new DetailsBenchmark().run(games, pages, System.getProperty("bench.heap", "512m")));
    }

    /** The wall clock in microseconds, comparable between the two JVMs of the benchmark. */
    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private int run(int games, int pages, String heap) throws Exception {
        System.out.printf(Locale.ROOT, "SteamSpy metadata benchmark: %,d games' details at %d/second, %d pages"
                + " (+1 empty) at %d/second; fake latency %d-%d ms (uniform); child under -Xmx%s%n",
                games, DETAILS_RATE, pages, PAGES_RATE, SyntheticSteamSpy.MIN_DELAY_MS, SyntheticSteamSpy.MAX_DELAY_MS, heap);
        WireMockServer server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(64)
                .jettyAcceptors(2)
                .disableRequestJournal()
                .extensions(new ArrivalRecorder(detailArrivals, pageArrivals)));
        server.start();
        int status;
        try {
            String base = "http://127.0.0.1:" + server.port();
            SyntheticSteamSpy.stub(server, pages);
            SyntheticSteamSpy.preflight(base, pages);
            detailArrivals.clear();
            pageArrivals.clear();
            Path times = Files.createTempFile("details-benchmark", ".times");
            try {
                status = runChild(base, games, pages, heap, times);
                List<String> spans = Files.readAllLines(times);
                System.out.println("at the fake (arrival times, before the stub delay;"
                        + " Main.run's span from the child):");
                arrivals("appdetails", detailArrivals, games, DETAILS_RATE, spans.size() > 0 ? spans.get(0) : null);
                arrivals("all pages", pageArrivals, pages + 1, PAGES_RATE, spans.size() > 1 ? spans.get(1) : null);
            } finally {
                Files.deleteIfExists(times);
            }
        } finally {
            server.stop();
        }
        return status;
    }

    /** Runs both collections in a fresh JVM (same java and classpath) so the fake's CPU and memory are not counted. */
    private static int runChild(String base, int games, int pages, String heap, Path times)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DetailsRun.class.getName(), base,
                Integer.toString(games), Integer.toString(pages), times.toString());
        System.out.println("child: " + java + " -Xmx" + heap + " " + DetailsRun.class.getName() + " " + base + " "
                + games + " " + pages);
        long timeoutSeconds = 300 + 3L * (games / DETAILS_RATE + (pages + 1) / PAGES_RATE);
        Process child = new ProcessBuilder(command).inheritIO().start();
        if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            System.out.println("FAILED: the child did not finish within " + timeoutSeconds + " s");
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            return 1;
        }
        if (child.exitValue() != 0) {
            System.out.println("FAILED: the child exited with code " + child.exitValue());
        }
        return child.exitValue();
    }

    /** {@code span} is Main.run's "start end" in epoch microseconds, or null when the child did not get there. */
    private static void arrivals(String what, Queue<Long> queue, int expected, int rate, String span) {
        long[] times = queue.stream().mapToLong(Long::longValue).sorted().toArray();
        if (times.length < 2) {
            System.out.printf(Locale.ROOT, "  %-11s %d requests arrived (expected %,d)%n", what, times.length,
                    expected);
            return;
        }
        int n = times.length;
        double seconds = (times[n - 1] - times[0]) / 1e6;
        System.out.printf(Locale.ROOT, "  %-11s %,d requests arrived (expected %,d); first to last %.3f s ="
                + " %.4f x (N-1)/rate, %.3f requests/s (limit %d, the gate's spacing allows %.3f)%n", what, n,
                expected, seconds, seconds * rate / (n - 1), (n - 1) / seconds, rate, rate / 1.01);
        if (span != null) {
            String[] run = span.trim().split(" ");
            System.out.printf(Locale.ROOT, "  %-11s Main.run began %.3f s before the first arrival and returned %.3f s"
                    + " after the last%n", "", (times[0] - Long.parseLong(run[0])) / 1e6,
                    (Long.parseLong(run[1]) - times[n - 1]) / 1e6);
        }
    }

    /** Notes when each request reaches the fake, before any stub delay, by kind. */
    private static final class ArrivalRecorder implements ServeEventListener {

        private final Queue<Long> details;
        private final Queue<Long> pages;

        ArrivalRecorder(Queue<Long> details, Queue<Long> pages) {
            this.details = details;
            this.pages = pages;
        }

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            long now = epochMicros();
            String url = serveEvent.getRequest().getUrl();
            (url.contains("request=all") ? pages : details).add(now);
        }

        @Override
        public String getName() {
            return "arrival-recorder";
        }
    }
}
