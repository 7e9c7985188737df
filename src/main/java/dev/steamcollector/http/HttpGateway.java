package dev.steamcollector.http;

import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import okhttp3.OkHttpClient;

/** The one HTTP client of the process and the gated client of each endpoint. */
public final class HttpGateway implements AutoCloseable {

    private final OkHttpClient http;
    private final Map<Endpoint, EndpointClient> clients = new EnumMap<>(Endpoint.class);

    public HttpGateway(ApiSettings api, RetryPolicy policy, Ticker ticker, String userAgent) {
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(90))
                // retries are ours: counted, paced and backed off
                .retryOnConnectionFailure(false)
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().header("User-Agent", userAgent).build()))
                .build();
        add(Endpoint.STEAM_WEB_API, api.steamWebApiLimit(), policy, ticker);
        add(Endpoint.STORE, api.storeLimit(), policy, ticker);
        add(Endpoint.STEAMSPY, api.steamSpyLimit(), policy, ticker);
        add(Endpoint.STEAMSPY_ALL, api.steamSpyAllLimit(), policy, ticker);
    }

    private void add(Endpoint endpoint, RateLimit limit, RetryPolicy policy, Ticker ticker) {
        clients.put(endpoint, new EndpointClient(endpoint, http, new RateGate(limit, ticker), policy, ticker));
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
