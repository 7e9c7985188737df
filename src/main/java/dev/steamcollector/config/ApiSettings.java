package dev.steamcollector.config;

import java.net.URI;
import java.util.Optional;

/** The remote APIs: where they are, the key, and the rate limit of each endpoint. */
public record ApiSettings(
        Optional<Secret> steamApiKey,
        URI steamApiUrl,
        URI steamSpyUrl,
        URI storeUrl,
        RateLimit steamWebApiLimit,
        RateLimit storeLimit,
        RateLimit steamSpyLimit,
        RateLimit steamSpyAllLimit) {
}
