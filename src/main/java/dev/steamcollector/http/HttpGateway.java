package dev.steamcollector.http;

import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import okhttp3.OkHttpClient;

/** The one HTTP client of the process and the gated client of each endpoint. */
public final class HttpGateway implements AutoCloseable {

    private final OkHttpClient http;
    private final Map<Endpoint, EndpointClient> clients = new EnumMap<>(Endpoint.class);
    private final Map<RateGate, ColdStart> coldStarts = new IdentityHashMap<>();
    private final RequestListener listener;

    public HttpGateway(ApiSettings api, RetryPolicy policy, Ticker ticker, String userAgent) {
        this(api, policy, ticker, userAgent, RequestListener.NONE);
    }

    /** As the other constructor; {@code listener} hears of every attempt of every endpoint. */
    public HttpGateway(ApiSettings api, RetryPolicy policy, Ticker ticker, String userAgent, RequestListener listener) {
        this.listener = listener;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(api.requestTimeout())
                .writeTimeout(api.requestTimeout())
                // retries are ours: counted, paced and backed off
                .retryOnConnectionFailure(false)
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().header("User-Agent", userAgent).build()))
                // pacing happens at the last moment, once a connection is ready: connection set-up
                // time cannot bunch requests up at the server
                .addNetworkInterceptor(chain -> {
                    RateGate gate = chain.request().tag(RateGate.class);
                    if (gate == null) {
                        return chain.proceed(chain.request());
                    }
                    boolean first = coldStarts.get(gate).awaitTurn();
                    try {
                        awaitGate(gate);
                        GateExit exit = chain.request().tag(GateExit.class);
                        if (exit != null) {
                            exit.passed(ticker.nanoTime());
                        }
                        return chain.proceed(chain.request());
                    } finally {
                        // even when interrupted at the gate: the others must not wait for it forever
                        if (first) {
                            coldStarts.get(gate).done();
                        }
                    }
                })
                .build();
        add(Endpoint.STEAM_WEB_API, api.steamWebApiLimit(), policy, ticker);
        add(Endpoint.STORE, api.storeLimit(), policy, ticker);
        add(Endpoint.STORE_REVIEWS, api.storeReviewsLimit(), policy, ticker);
        add(Endpoint.STEAMSPY, api.steamSpyLimit(), policy, ticker);
        add(Endpoint.STEAMSPY_ALL, api.steamSpyAllLimit(), policy, ticker);
    }

    /**
     * The first request of an endpoint travels alone: its first trip through the HTTP stack is slow
     * (class loading, compilation) and would otherwise reach the server together with the next one.
     */
    private static final class ColdStart {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch answered = new CountDownLatch(1);

        /** Returns whether this is the first request; any other waits until the first is answered. */
        boolean awaitTurn() throws InterruptedIOException {
            if (claimed.compareAndSet(false, true)) {
                return true;
            }
            try {
                answered.await();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the first request");
            }
        }

        void done() {
            answered.countDown();
        }
    }

    private static void awaitGate(RateGate gate) throws InterruptedIOException {
        try {
            gate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rate gate");
        }
    }

    private void add(Endpoint endpoint, RateLimit limit, RetryPolicy policy, Ticker ticker) {
        RateGate gate = new RateGate(limit, ticker);
        coldStarts.put(gate, new ColdStart());
        clients.put(endpoint, new EndpointClient(endpoint, http, gate, policy, ticker, listener));
    }

    /** The shared HTTP client itself, for calls outside the gated endpoints (the Discord webhook). */
    public OkHttpClient http() {
        return http;
    }

    public EndpointClient client(Endpoint endpoint) {
        return clients.get(endpoint);
    }

    /** Request, retry and throttle counts of every endpoint. */
    public Map<Endpoint, EndpointStats.Snapshot> stats() {
        Map<Endpoint, EndpointStats.Snapshot> snapshot = new EnumMap<>(Endpoint.class);
        clients.forEach((endpoint, client) -> snapshot.put(endpoint, client.stats()));
        return snapshot;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
