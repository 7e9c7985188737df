package dev.steamcollector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.config.RateLimit;
import dev.steamcollector.testing.LimitedServer;
import dev.steamcollector.testing.LimitedServer.Arrival;
import dev.steamcollector.testing.LimitedServer.Outcome;
import dev.steamcollector.testing.RunsAlone;
import dev.steamcollector.testing.TestApis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The pace against a server that keeps a limit of its own below the configured one: every request
 * still succeeds, the pace comes down to the server's limit instead of collapsing, follows it when
 * it moves, and the configured limit is never exceeded.
 */
@RunsAlone("the pace measured against a server counting requests per second by its clock")
class AdaptivePacingIT {

    private static final RateLimit CONFIGURED = RateLimit.parse("test", "40/second");
    private static final int WORKERS = 8;

    private record Outcomes(int succeeded, int failed) {
    }

    /** Sends {@code requests} requests from {@code WORKERS} workers; {@code answered} hears the count of successes. */
    private static Outcomes drive(EndpointClient client, String baseUrl, int requests, IntConsumer answered)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                        HttpUrl url = HttpUrl.get(baseUrl + "/api.php?request=appdetails&appid=" + (10 * n + 10));
                        try {
                            client.get(url, "appdetails", body -> body);
                            answered.accept(succeeded.incrementAndGet());
                        } catch (FetchException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get(5, TimeUnit.MINUTES);
            }
        }
        return new Outcomes(succeeded.get(), failed.get());
    }

    @Test
    void settlesBelowAServerLimitUnderTheConfiguredOneWithoutLosingARequest() throws Exception {
        try (LimitedServer server = LimitedServer.start(20, 5, 40, 0, 1);
                HttpGateway gateway = TestApis.gateway(server.baseUrl(), CONFIGURED, 2)) {
            EndpointClient client = gateway.client(Endpoint.STEAMSPY);

            Outcomes outcomes = drive(client, server.baseUrl(), 240, answered -> { });

            PaceController.Snapshot pace = client.gate().pace().snapshot(Instant.now());
            assertThat(outcomes).isEqualTo(new Outcomes(240, 0));
            assertThat(pace.slowdowns()).isPositive();
            assertThat(pace.perSecond()).isLessThan(40.0);
            // slowed to about the server's limit, not collapsed to a crawl
            assertThat(pace.lowestPerSecond()).isGreaterThan(20 * 0.3);
            assertThat(tooFastShareAfterTheFirst(server.arrivals())).isLessThan(0.25);
            assertThat(mostInAnySecond(server.arrivals())).isLessThanOrEqualTo(40);
            assertThat(client.stats().failures()).isZero();
        }
    }

    @Test
    void followsAServerLimitThatDropsMidRunAndComesBack() throws Exception {
        try (LimitedServer server = LimitedServer.start(20, 5, 40, 0, 2);
                HttpGateway gateway = TestApis.gateway(server.baseUrl(), CONFIGURED, 2)) {
            EndpointClient client = gateway.client(Endpoint.STEAMSPY);
            PaceController pace = client.gate().pace();
            List<Double> paceAtPhaseEnds = new ArrayList<>();

            Outcomes outcomes = drive(client, server.baseUrl(), 270, answered -> {
                if (answered == 60 || answered == 120) {
                    synchronized (paceAtPhaseEnds) {
                        paceAtPhaseEnds.add(pace.perSecond());
                    }
                    server.limit(answered == 60 ? 8 : 20);
                }
            });

            assertThat(outcomes).isEqualTo(new Outcomes(270, 0));
            assertThat(paceAtPhaseEnds).hasSize(2);
            // while the server allowed 8 a second the pace came down to it...
            assertThat(paceAtPhaseEnds.get(1)).isLessThan(8 * 1.5);
            // ...and once it allowed 20 again the pace climbed back above the low limit
            assertThat(pace.perSecond()).isGreaterThan(8 * 1.5);
            assertThat(mostInAnySecond(server.arrivals())).isLessThanOrEqualTo(40);
        }
    }

    @Test
    void randomBusyAnswersCostABriefRetryNotThePaceOrTheRun() throws Exception {
        // 5% at random, whatever the pace: a share a server refusing over its limit would not stay at
        try (LimitedServer server = LimitedServer.start(1_000, 5, 40, 0.05, 3);
                HttpGateway gateway = TestApis.gateway(server.baseUrl(), CONFIGURED, 2)) {
            EndpointClient client = gateway.client(Endpoint.STEAMSPY);

            Outcomes outcomes = drive(client, server.baseUrl(), 200, answered -> { });

            assertThat(outcomes).isEqualTo(new Outcomes(200, 0));
            assertThat(server.count(Outcome.BUSY)).isPositive();
            assertThat(client.stats().failures()).isZero();
            assertThat(client.gate().pace().perSecond()).isGreaterThan(40 * 0.9);
        }
    }

    /** Of the requests that reached the server from the first "too fast" answer on, the share answered so. */
    private static double tooFastShareAfterTheFirst(List<Arrival> arrivals) {
        List<Arrival> sorted = arrivals.stream().sorted((a, b) -> Long.compare(a.nanos(), b.nanos())).toList();
        int first = 0;
        while (first < sorted.size() && sorted.get(first).outcome() != Outcome.TOO_FAST) {
            first++;
        }
        List<Arrival> after = sorted.subList(first, sorted.size());
        return after.isEmpty() ? 0 : (double) after.stream().filter(a -> a.outcome() == Outcome.TOO_FAST).count()
                / after.size();
    }

    private static int mostInAnySecond(List<Arrival> arrivals) {
        long[] times = arrivals.stream().mapToLong(Arrival::nanos).sorted().toArray();
        int most = 0;
        for (int start = 0, end = 0; start < times.length; start++) {
            while (end < times.length && times[end] - times[start] < TimeUnit.SECONDS.toNanos(1)) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }
}
