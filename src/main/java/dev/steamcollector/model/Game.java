package dev.steamcollector.model;

import java.time.Instant;

/**
 * One entry of the app list. The keyed Steam list also says when the game's store data last
 * changed ({@code lastModified}) and the change number of its last price change; other sources
 * leave both null, and a null never overwrites what is stored.
 */
public record Game(int appId, String name, Instant lastModified, Long priceChangeNumber) {

    public Game {
        if (appId <= 0) {
            throw new IllegalArgumentException("appId must be positive: " + appId);
        }
    }

    /** A game known by appid and name alone. */
    public Game(int appId, String name) {
        this(appId, name, null, null);
    }
}
