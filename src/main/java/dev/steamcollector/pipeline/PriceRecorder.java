package dev.steamcollector.pipeline;

import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.PriceSource;
import dev.steamcollector.notify.PriceAlertRules;
import dev.steamcollector.persistence.PriceRepository;
import java.time.Instant;
import java.util.List;

/** Feeds prices into the history, queueing the announcements the rules ask for. */
public final class PriceRecorder {

    private final PriceRepository prices;
    private final PriceAlertRules rules;

    public PriceRecorder(PriceRepository prices, PriceAlertRules rules) {
        this.prices = prices;
        this.rules = rules;
    }

    /** SteamSpy's US prices, in cents; games without a price are skipped. Returns the rows added. */
    public int recordSteamSpy(List<GameMetadata> figures, Instant at) {
        return record(steamSpyObservations(figures), at);
    }

    /** The price observations SteamSpy figures make. */
    static List<PriceObservation> steamSpyObservations(List<GameMetadata> figures) {
        return figures.stream()
                // no price, or a nonsensical negative one: nothing to record
                .filter(m -> m.priceCents() != null && m.priceCents() >= 0)
                .map(m -> new PriceObservation(m.appId(), "USD", m.priceCents(), m.initialPriceCents(),
                        m.discountPercent(), PriceSource.STEAMSPY))
                .toList();
    }

    /** What is worth announcing, for a caller that records prices in a transaction of its own. */
    PriceAlertRules rules() {
        return rules;
    }

    /** Prices from the Store. Returns the rows added. */
    public int record(List<PriceObservation> observations, Instant at) {
        return prices.record(observations, at, rules::evaluate).size();
    }
}
