package dev.steamcollector.model;

import java.util.Locale;

/** Where a price came from, as stored in {@code price_history.source}. */
public enum PriceSource {
    STEAMSPY, STORE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
