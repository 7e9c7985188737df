package dev.steamcollector.model;

/** A price change worth a message. */
public record Announcement(Kind kind, PriceChange change) {

    /** What happened to the price. */
    public enum Kind {
        PRICE_DROP, NEW_DISCOUNT;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
