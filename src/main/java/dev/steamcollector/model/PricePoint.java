package dev.steamcollector.model;

/** The latest recorded price of a series (game, currency, source). */
public record PricePoint(int priceCents, Integer initialPriceCents, Integer discountPercent) {
}
