package dev.steamcollector.http;

import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import java.util.Arrays;
import java.util.Optional;

/** The remote endpoints, each with its own rate gate, pace, retry budget and circuit breaker. */
public enum Endpoint {
    STEAM_WEB_API("steam_web_api", "Steam Web API"),
    STORE("store", "Steam Store"),
    STORE_REVIEWS("store_reviews", "Store reviews"),
    STEAMSPY("steamspy", "SteamSpy"),
    STEAMSPY_ALL("steamspy_all", "SteamSpy all pages"),
    STORE_CATALOGUE("store_catalogue", "Store catalogue");

    private final String label;
    private final String displayName;

    Endpoint(String label, String displayName) {
        this.label = label;
        this.displayName = displayName;
    }

    /** The name used in metrics, logs and the database. */
    public String label() {
        return label;
    }

    public String displayName() {
        return displayName;
    }

    /** The configured rate limit of this endpoint. */
    public RateLimit limitIn(ApiSettings api) {
        return switch (this) {
            case STEAM_WEB_API -> api.steamWebApiLimit();
            case STORE -> api.storeLimit();
            case STORE_REVIEWS -> api.storeReviewsLimit();
            case STORE_CATALOGUE -> api.storeCatalogueLimit();
            case STEAMSPY -> api.steamSpyLimit();
            case STEAMSPY_ALL -> api.steamSpyAllLimit();
        };
    }

    /** The endpoint whose {@link #label()} is {@code label}. */
    public static Optional<Endpoint> byLabel(String label) {
        return Arrays.stream(values()).filter(endpoint -> endpoint.label.equals(label)).findFirst();
    }
}
