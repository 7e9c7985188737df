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

    /**
     * No usable answer for this game: a price out of any sane range, or an answer about other
     * appids than the one asked. A failure for the game; nothing is recorded.
     */
    record Invalid(String reason) implements StorePrice {
    }
}
