package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.EndpointClient;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.http.RetryPolicy;
import dev.steamcollector.http.Ticker;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;

/** Measures, at a local fake server, how closely the SteamSpy rate gate uses its limit without exceeding it. */
public final class GateBenchmark {

    private static final int MIN_DELAY_MS = 20;
    private static final int MAX_DELAY_MS = 200;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        if (seconds < 2 || rate < 1 || workers < 1) {
            System.err.println("usage: gate [SECONDS>=2] [RATE>=1] [WORKERS>=1]");
            System.exit(2);
        }
        int status = new GateBenchmark().run(seconds, rate, workers);
        System.exit(status);
    }

    private int run(int seconds, int rate, int workers) throws InterruptedException {
        System.out.printf(Locale.ROOT, "Gate fidelity: limit %d/second, %d workers, %d s, fake latency %d-%d ms"
                + " (uniform), arrivals timed at the server%n", rate, workers, seconds, MIN_DELAY_MS, MAX_DELAY_MS);
        WireMockServer server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(Math.max(64, workers * 4))
                .jettyAcceptors(4)
                .disableRequestJournal()
                .extensions(new ArrivalRecorder(arrivals)));
        server.start();
        String loadBefore = loadAverage();
        try (HttpGateway gateway = new HttpGateway(settings(server, rate), RetryPolicy.standard(0), Ticker.SYSTEM,
                "steam-collector-benchmark")) {
            server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"appid\":10,\"name\":\"Counter-Strike\"}")
                    .withUniformRandomDelay(MIN_DELAY_MS, MAX_DELAY_MS)));
            drive(gateway.client(Endpoint.STEAMSPY), HttpUrl.get(loopback(server)), seconds, workers);
        } finally {
            server.stop();
        }
        System.out.printf(Locale.ROOT, "%-34s %s before, %s after (%d CPUs); other busy processes skew the timing%n",
                "load average (1 min)", loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors());
        return report(rate);
    }

    /** The one-minute load average, or "?" off Linux. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static ApiSettings settings(WireMockServer server, int rate) {
        URI base = URI.create(loopback(server));
        RateLimit plenty = new RateLimit(1_000, Duration.ofSeconds(1));
        return new ApiSettings(Optional.empty(), base, base, base, plenty, plenty,
                new RateLimit(rate, Duration.ofSeconds(1)), plenty, plenty, Duration.ofSeconds(30), plenty);
    }

    private static String loopback(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Runs the workers until the deadline; each stops on its own, in-flight requests complete. */
    private void drive(EndpointClient client, HttpUrl base, int seconds, int workers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                int worker = w;
                pool.submit(() -> work(client, base, worker, deadline));
            }
            pool.shutdown();
            if (!pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS)) {
                System.out.println("workers did not finish in time; interrupting them");
                pool.shutdownNow();
            }
        }
    }

    private void work(EndpointClient client, HttpUrl base, int worker, long deadline) {
        for (long n = 0; System.nanoTime() < deadline; n++) {
            HttpUrl url = base.newBuilder().addPathSegment("api.php")
                    .addQueryParameter("request", "appdetails")
                    .addQueryParameter("appid", Long.toString(worker * 1_000_000L + n)).build();
            try {
                client.get(url, "bench", body -> body);
                succeeded.incrementAndGet();
            } catch (FetchException.EndpointDown down) {
                failed.incrementAndGet();
                System.out.println("worker " + worker + " stops: " + down.getMessage());
                return;
            } catch (FetchException e) {
                failed.incrementAndGet();
            }
        }
    }

    private int report(int rate) {
        long[] times = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = times.length;
        if (n < 2) {
            System.out.println("too few requests arrived to measure anything: " + n);
            return 1;
        }
        double span = (times[n - 1] - times[0]) / 1e9;
        double achieved = (n - 1) / span;
        double percent = 100 * achieved / rate;
        int maxInWindow = 0;
        int windowsOver = 0;
        long smallestGap = Long.MAX_VALUE;
        for (int i = 0, j = 0; i < n; i++) {
            // window [t_i, t_i + 1 s): j is the first arrival outside it
            while (j < n && times[j] - times[i] < WINDOW_NANOS) {
                j++;
            }
            int inWindow = j - i;
            maxInWindow = Math.max(maxInWindow, inWindow);
            if (inWindow > rate) {
                windowsOver++;
            }
            if (i > 0) {
                smallestGap = Math.min(smallestGap, times[i] - times[i - 1]);
            }
        }
        boolean pass = percent >= 98 && windowsOver == 0;
        String row = "%-34s %s%n";
        System.out.printf(Locale.ROOT, row, "requests arrived at the server", String.format(Locale.ROOT, "%,d", n));
        System.out.printf(Locale.ROOT, row, "responses ok / failed",
                String.format(Locale.ROOT, "%,d / %,d", succeeded.get(), failed.get()));
        System.out.printf(Locale.ROOT, row, "steady span (first to last)", String.format(Locale.ROOT, "%.3f s", span));
        System.out.printf(Locale.ROOT, row, "achieved rate", String.format(Locale.ROOT, "%.3f requests/s", achieved));
        System.out.printf(Locale.ROOT, row, "achieved / limit",
                String.format(Locale.ROOT, "%.2f %% (target >= 98 %%)", percent));
        System.out.printf(Locale.ROOT, row, "max arrivals in any 1 s window",
                String.format(Locale.ROOT, "%d (limit %d)", maxInWindow, rate));
        System.out.printf(Locale.ROOT, row, "windows over the limit",
                String.format(Locale.ROOT, "%d of %,d checked (one starting at each arrival)", windowsOver, n));
        System.out.printf(Locale.ROOT, row, "smallest gap between arrivals",
                String.format(Locale.ROOT, "%.2f ms (1 s / limit = %.2f ms)", smallestGap / 1e6, 1000.0 / rate));
        System.out.printf(Locale.ROOT, row, "verdict", pass ? "PASS" : "FAIL");
        return pass ? 0 : 1;
    }

    /** Notes the arrival time of every request as the server receives it, before any stub delay. */
    private static final class ArrivalRecorder implements ServeEventListener {

        private final Queue<Long> arrivals;

        ArrivalRecorder(Queue<Long> arrivals) {
            this.arrivals = arrivals;
        }

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            arrivals.add(System.nanoTime());
        }

        @Override
        public String getName() {
            return "arrival-recorder";
        }
    }
}
