package dev.steamcollector.model;

import java.util.Objects;

/** A price seen for a game, in minor units of {@code currency}; free games cost 0. */
public record PriceObservation(
        int appId, String currency, int priceCents, Integer initialPriceCents, Integer discountPercent,
        PriceSource source) {

    public PriceObservation {
        Objects.requireNonNull(currency);
        Objects.requireNonNull(source);
        if (priceCents < 0) {
            throw new IllegalArgumentException("negative price for " + appId);
        }
    }

    /** Whether this shows the same price, initial price and discount as {@code other}. */
    public boolean samePriceAs(PricePoint other) {
        return priceCents == other.priceCents()
                && Objects.equals(initialPriceCents, other.initialPriceCents())
                && Objects.equals(discountPercent, other.discountPercent());
    }
}
