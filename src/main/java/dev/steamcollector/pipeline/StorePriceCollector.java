package dev.steamcollector.pipeline;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.PriceSource;
import dev.steamcollector.persistence.GameRepository;
import dev.steamcollector.store.StoreClient;
import dev.steamcollector.store.StorePrice;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prices every active game in every configured country from the Store, many games a request,
 * into the price history. A free game has no currency of its own: it takes the currency the
 * Store uses for the other games of that country.
 */
public final class StorePriceCollector {

    private static final Logger log = LoggerFactory.getLogger(StorePriceCollector.class);

    private final StoreClient store;
    private final GameRepository games;
    private final PriceRecorder prices;
    private final Clock clock;
    private final StopSignal stop;

    public StorePriceCollector(StoreClient store, GameRepository games, PriceRecorder prices, Clock clock,
            StopSignal stop) {
        this.store = store;
        this.games = games;
        this.prices = prices;
        this.clock = clock;
        this.stop = stop;
    }

    public void collect(List<String> countries, int perRequest, RunTally tally) {
        BitSet active = games.findActiveAppIds();
        List<Integer> ids = active.stream().boxed().toList();
        log.info("Prices: {} active games in {} countries, {} games a request", ids.size(), countries.size(), perRequest);
        for (String country : countries) {
            String currency = null;
            for (int from = 0; from < ids.size() && !stop.requested(); from += perRequest) {
                List<Integer> chunk = ids.subList(from, Math.min(ids.size(), from + perRequest));
                Map<Integer, StorePrice> answer;
                try {
                    answer = store.fetchPrices(chunk, country);
                } catch (FetchException.Rejected | FetchException.Retryable e) {
                    log.warn("{}; these {} games go unpriced this run", e.getMessage(), chunk.size());
                    chunk.forEach(id -> tally.failed());
                    continue;
                }
                currency = answer.values().stream().filter(StorePrice.Priced.class::isInstance)
                        .map(p -> ((StorePrice.Priced) p).currency()).findFirst().orElse(currency);
                record(answer, currency, tally);
            }
        }
    }

    private void record(Map<Integer, StorePrice> answer, String currency, RunTally tally) {
        List<PriceObservation> observations = new ArrayList<>();
        answer.forEach((appId, price) -> {
            switch (price) {
                case StorePrice.Priced p -> {
                    observations.add(new PriceObservation(appId, p.currency(), p.finalCents(), p.initialCents(),
                            p.discountPercent(), PriceSource.STORE));
                    tally.succeeded();
                }
                case StorePrice.Free f -> {
                    if (currency != null) {
                        observations.add(new PriceObservation(appId, currency, 0, 0, 0, PriceSource.STORE));
                    }
                    tally.succeeded();
                }
                case StorePrice.Unknown u -> tally.notFound();
            }
        });
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        prices.record(observations, now);
    }
}
