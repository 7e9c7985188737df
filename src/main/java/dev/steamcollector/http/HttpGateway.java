package dev.steamcollector.http;

import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.model.RememberedPace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** The one HTTP client of the process and the gated client of each endpoint. */
public final class HttpGateway implements AutoCloseable {

    /** How long an idle connection is kept for reuse: less than servers keep theirs open. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    /** Idle connections kept at most: a few workers on each endpoint. */
    private static final int IDLE_CONNECTIONS = 16;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OkHttpClient http;
    private final Map<Endpoint, EndpointClient> clients = new EnumMap<>(Endpoint.class);
    private final RequestListener listener;
    private final Map<Endpoint, RememberedPace> resumed = new ConcurrentHashMap<>();

    public HttpGateway(ApiSettings api, RetryPolicy policy, Ticker ticker, String userAgent) {
        this(api, policy, ticker, userAgent, RequestListener.NONE);
    }

    /** As the other constructor; {@code listener} hears of every attempt of every endpoint and of every pace. */
    public HttpGateway(ApiSettings api, RetryPolicy policy, Ticker ticker, String userAgent, RequestListener listener) {
        this.listener = listener;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(min(CONNECT_TIMEOUT, api.requestTimeout()))
                .readTimeout(api.requestTimeout())
                .writeTimeout(api.requestTimeout())
                // HTTP_TIMEOUT bounds the whole request, not one read; the wait at the gate is not part of it
                .eventListenerFactory(CallDeadline.of(api.requestTimeout()))
                // retries are ours: counted, paced and backed off
                .retryOnConnectionFailure(false)
                // servers close idle connections (Jetty after 30 s, nginx after 75 s): one reused after that
                // fails, and its retry costs a gate slot (a whole minute for SteamSpy's pages)
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS))
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().header("User-Agent", userAgent).build()))
                .addNetworkInterceptor(new GateInterceptor(ticker))
                .build();
        for (Endpoint endpoint : Endpoint.values()) {
            add(endpoint, endpoint.limitIn(api), policy, ticker);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void add(Endpoint endpoint, RateLimit limit, RetryPolicy policy, Ticker ticker) {
        PaceController pace = new PaceController(limit, policy.longestPause(), ticker);
        RateGate gate = new RateGate(limit, pace, ticker);
        clients.put(endpoint, new EndpointClient(endpoint, http, gate, policy, ticker, listener));
        listener.paceChanged(endpoint, pace.perSecond());
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

    /**
     * Starts each endpoint from the pace an earlier run left it at, recovered toward the configured
     * limit since then ({@link RememberedPace#recoveredAt}); endpoints not remembered keep their limit.
     */
    public void resume(List<RememberedPace> remembered, Instant now) {
        for (RememberedPace memory : remembered) {
            Endpoint.byLabel(memory.endpoint()).ifPresent(endpoint -> {
                PaceController pace = clients.get(endpoint).gate().pace();
                RememberedPace recovered = memory.recoveredAt(now, pace.limit().perSecond());
                pace.resume(recovered.perSecond(), recovered.tooFastPerSecond());
                resumed.put(endpoint, recovered);
                listener.paceChanged(endpoint, pace.perSecond());
            });
        }
    }

    /** The pace of every endpoint, as it stands at {@code now}. */
    public Map<Endpoint, PaceController.Snapshot> paces(Instant now) {
        Map<Endpoint, PaceController.Snapshot> paces = new EnumMap<>(Endpoint.class);
        clients.forEach((endpoint, client) -> paces.put(endpoint, client.gate().pace().snapshot(now)));
        return paces;
    }

    /**
     * The paces to remember for the next run: those of the endpoints this gateway sent requests to
     * (an unused endpoint learnt nothing, and its memory keeps recovering). When this run did not
     * slow an endpoint, the time of its last slowing stays the remembered one.
     */
    public List<RememberedPace> toRemember(Instant now) {
        List<RememberedPace> memories = new ArrayList<>();
        paces(now).forEach((endpoint, pace) -> {
            if (clients.get(endpoint).stats().requests() > 0) {
                Optional<Instant> slowedAt = pace.lastSlowedAt()
                        .or(() -> Optional.ofNullable(resumed.get(endpoint)).flatMap(RememberedPace::slowedAt));
                memories.add(new RememberedPace(endpoint.label(), pace.perSecond(), pace.limit().perSecond(),
                        pace.tooFastPerSecond(), slowedAt, now));
            }
        });
        return memories;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
