package dev.steamcollector.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The remote APIs: where they are, the key, the rate limit (a ceiling) of each endpoint, how long an answer may take. */
public record ApiSettings(
        Optional<Secret> steamApiKey,
        URI steamApiUrl,
        URI steamSpyUrl,
        URI storeUrl,
        RateLimit steamWebApiLimit,
        RateLimit storeLimit,
        RateLimit steamSpyLimit,
        RateLimit steamSpyAllLimit,
        RateLimit storeReviewsLimit,
        Duration requestTimeout,
        RateLimit storeCatalogueLimit) {
}
