package dev.steamcollector.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP fake that keeps a rate limit of its own, as a real API does: it accepts at most its
 * limit in any sliding second (only accepted requests count) and answers the rest as SteamSpy does,
 * HTTP 200 {@code Connection failed: Too many connections} (or, {@link #answeringTooFastWith429},
 * HTTP 429 with the body {@code null}); of the accepted ones, a share may answer SteamSpy's busy
 * text at random. Answers
 * take a random latency. Every request's arrival (before the latency) and outcome is recorded. It
 * serves a SteamSpy {@code appdetails} record for the {@code appid} asked about, on any path.
 */
public final class LimitedServer implements AutoCloseable {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Pattern APP_ID = Pattern.compile("(?:^|&)appid=(\\d+)");
    private static final String RECORD = """
            {"appid": %1$s, "name": "Game %1$s", "developer": "Studio", "publisher": "Publisher", "score_rank": "",
             "positive": 1200, "negative": 300, "userscore": 0, "owners": "20,000 .. 50,000",
             "average_forever": 240, "average_2weeks": 35, "median_forever": 120, "median_2weeks": 20,
             "price": "999", "initialprice": "1999", "discount": "50", "languages": "English, French",
             "genre": "Action, Indie", "ccu": 42, "tags": {"Indie": 120, "Action": 80}}
            """;
    public static final String BUSY = "Connection failed: Too many connections";

    /** What the server made of a request that reached it at {@code nanos} and was answered at {@code answeredNanos} (System.nanoTime). */
    public record Arrival(long nanos, long answeredNanos, Outcome outcome) {
    }

    /** A change of the limit once {@code accepted} requests were accepted. */
    private record Change(long accepted, int perSecond) {
    }

    public enum Outcome { OK, TOO_FAST, BUSY }

    private final HttpServer server;
    /** Platform threads: a request's arrival is timed when it arrives, not when a busy carrier thread gets to it. */
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Deque<Long> accepted = new ArrayDeque<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Deque<Change> changes = new ArrayDeque<>();
    private final List<Long> changedAt = new ArrayList<>();
    private long acceptedInAll;
    private final Random random;
    private final int minLatencyMillis;
    private final int maxLatencyMillis;
    private final double busyShare;
    private int limit;
    private volatile boolean overLimit429;

    private LimitedServer(int limit, int minLatencyMillis, int maxLatencyMillis, double busyShare, long seed)
            throws IOException {
        this.limit = limit;
        this.minLatencyMillis = minLatencyMillis;
        this.maxLatencyMillis = maxLatencyMillis;
        this.busyShare = busyShare;
        this.random = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server on a free loopback port that accepts {@code limit} requests in any second, answers
     * after {@code minLatencyMillis}-{@code maxLatencyMillis}, and busy to {@code busyShare} of the accepted.
     */
    public static LimitedServer start(int limit, int minLatencyMillis, int maxLatencyMillis, double busyShare,
            long seed) {
        try {
            return new LimitedServer(limit, minLatencyMillis, maxLatencyMillis, busyShare, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Answers over-limit requests HTTP 429 {@code null} instead of SteamSpy's busy text; returns this server. */
    public LimitedServer answeringTooFastWith429() {
        overLimit429 = true;
        return this;
    }

    /** Changes the limit from now on. */
    public synchronized void limit(int perSecond) {
        this.limit = perSecond;
    }

    /** Changes the limit to {@code perSecond} once {@code accepted} requests were accepted in all; in order. */
    public synchronized void limitAfter(long accepted, int perSecond) {
        changes.addLast(new Change(accepted, perSecond));
    }

    /** When the changes of {@link #limitAfter} took effect (System.nanoTime). */
    public synchronized List<Long> changedAt() {
        return List.copyOf(changedAt);
    }

    public synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    public synchronized long count(Outcome outcome) {
        return arrivals.stream().filter(arrival -> arrival.outcome() == outcome).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrived = System.nanoTime();
            Outcome outcome = decide(arrived);
            int latency = minLatencyMillis + random(maxLatencyMillis - minLatencyMillis + 1);
            Thread.sleep(latency);
            record(new Arrival(arrived, System.nanoTime(), outcome));
            String body = switch (outcome) {
                case OK -> RECORD.formatted(appId(exchange.getRequestURI()));
                case TOO_FAST -> overLimit429 ? "null" : BUSY;
                case BUSY -> BUSY;
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", outcome == Outcome.OK ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(outcome == Outcome.TOO_FAST && overLimit429 ? 429 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Outcome decide(long now) {
        while (!changes.isEmpty() && acceptedInAll >= changes.peekFirst().accepted()) {
            limit = changes.pollFirst().perSecond();
            changedAt.add(now);
        }
        while (!accepted.isEmpty() && now - accepted.peekFirst() >= SECOND) {
            accepted.pollFirst();
        }
        if (accepted.size() >= limit) {
            return Outcome.TOO_FAST;
        }
        accepted.addLast(now);
        acceptedInAll++;
        return random.nextDouble() < busyShare ? Outcome.BUSY : Outcome.OK;
    }

    private synchronized void record(Arrival arrival) {
        arrivals.add(arrival);
    }

    private synchronized int random(int bound) {
        return random.nextInt(bound);
    }

    private static String appId(URI uri) {
        Matcher match = APP_ID.matcher(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        return match.find() ? match.group(1) : "10";
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
