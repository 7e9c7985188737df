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
        List<PriceObservation> observations = figures.stream()
                // no price, or a nonsensical negative one: nothing to record
                .filter(m -> m.priceCents() != null && m.priceCents() >= 0)
                .map(m -> new PriceObservation(m.appId(), "USD", m.priceCents(), m.initialPriceCents(),
                        m.discountPercent(), PriceSource.STEAMSPY))
                .toList();
        return record(observations, at);
    }

    /** Prices from the Store. Returns the rows added. */
    public int record(List<PriceObservation> observations, Instant at) {
        return prices.record(observations, at, rules::evaluate).size();
    }
}
