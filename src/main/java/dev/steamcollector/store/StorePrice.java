package dev.steamcollector.store;

/** What the Store says about one game's price in one country. */
public sealed interface StorePrice {

    /** A price in minor units of {@code currency}. */
    record Priced(String currency, int initialCents, int finalCents, int discountPercent) implements StorePrice {
    }

    /** A free game: {@code data} came back empty or without {@code price_overview}. */
    record Free() implements StorePrice {
    }

    /** Unknown, removed or region-locked: {@code success:false}, or missing from the answer. */
    record Unknown() implements StorePrice {
    }
}
