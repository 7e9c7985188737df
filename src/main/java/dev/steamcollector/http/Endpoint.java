package dev.steamcollector.http;

/** The remote endpoints, each with its own rate gate, retry budget and circuit breaker. */
public enum Endpoint {
    STEAM_WEB_API("steam_web_api", "Steam Web API"),
    STORE("store", "Steam Store"),
    STORE_REVIEWS("store_reviews", "Store reviews"),
    STEAMSPY("steamspy", "SteamSpy"),
    STEAMSPY_ALL("steamspy_all", "SteamSpy all pages");

    private final String label;
    private final String displayName;

    Endpoint(String label, String displayName) {
        this.label = label;
        this.displayName = displayName;
    }

    /** The name used in metrics and logs. */
    public String label() {
        return label;
    }

    public String displayName() {
        return displayName;
    }
}
