package dev.steamcollector.model;

import java.util.Locale;

/** The outcome of a game's last per-game metadata fetch, as stored in {@code game_metadata.fetch_status}. */
public enum FetchStatus {
    PENDING, SUCCESS, FAILED, NOT_FOUND;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FetchStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
