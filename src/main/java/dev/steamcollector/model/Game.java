package dev.steamcollector.model;

/** One entry of the app list. */
public record Game(int appId, String name) {

    public Game {
        if (appId <= 0) {
            throw new IllegalArgumentException("appId must be positive: " + appId);
        }
    }
}
