package dev.steamcollector.testing;

import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.config.Secret;
import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.http.RetryPolicy;
import dev.steamcollector.http.Ticker;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings that point every API at one local fake, with fast limits and short waits. */
public final class TestApis {

    public static final String API_KEY = "TESTKEY0123456789";

    private TestApis() {
    }

    public static ApiSettings settings(String baseUrl, RateLimit limit) {
        URI base = URI.create(baseUrl);
        return new ApiSettings(Optional.of(new Secret(API_KEY)), base, URI.create(baseUrl + "/api.php"), base,
                limit, limit, limit, limit, limit, Duration.ofSeconds(2), limit);
    }

    /** Retries after 10 ms, doubling; throttle pauses of at most 400 ms; breaker after 5 failures. */
    public static RetryPolicy fastPolicy(int retries) {
        return new RetryPolicy(retries, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(400), 5);
    }

    public static HttpGateway gateway(String baseUrl, RateLimit limit, int retries) {
        return new HttpGateway(settings(baseUrl, limit), fastPolicy(retries), Ticker.SYSTEM, "steam-collector/test");
    }

    /** Environment variables for a CLI run against the fake: fast limits, short waits, no key. */
    public static Map<String, String> environment(String baseUrl, String databaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", databaseUrl);
        env.put("STEAM_API_URL", baseUrl);
        env.put("STEAMSPY_API_URL", baseUrl + "/api.php");
        env.put("STEAM_STORE_URL", baseUrl);
        for (String limit : new String[] {"STEAM_WEB_API_LIMIT", "STEAM_STORE_API_LIMIT", "STEAMSPY_API_LIMIT",
                "STEAMSPY_ALL_LIMIT", "STEAM_REVIEWS_API_LIMIT", "STORE_CATALOGUE_API_LIMIT"}) {
            env.put(limit, "200/second");
        }
        env.put("RETRY_ATTEMPTS", "2");
        env.put("RETRY_BACKOFF", "10ms");
        env.put("THROTTLE_PAUSE", "50ms");
        env.put("HTTP_TIMEOUT", "1s");
        // the Store details have tests of their own (StoreDetailsIT); here the fake serves SteamSpy only
        env.put("STORE_DETAILS", "false");
        // the Store catalogue has tests of its own (StoreCatalogueIT); tests of the per-game Store path turn it off
        env.put("STORE_CATALOGUE", "false");
        return env;
    }
}
