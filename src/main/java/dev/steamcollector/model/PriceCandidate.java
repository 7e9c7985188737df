package dev.steamcollector.model;

/**
 * A game {@code prices} asks the Store about in one country, why, and the app list's
 * {@code price_change_number} for it when it was chosen (null without a key), which its check
 * records so that only a later move of the number makes it due again.
 */
public record PriceCandidate(int appId, Long priceChangeNumber, Reason reason) {

    /** Why a game is asked about. */
    public enum Reason {
        /** Its price change number moved since its last Store price in that country. */
        MOVED("moved"),
        /** Never priced in that country. */
        NEW("new"),
        /** Not asked about for longest: the sweep that checks every game at least once a period. */
        SWEEP("sweep"),
        /** Every active game: {@code prices --all}, or no key (no change numbers). */
        ALL("all");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
