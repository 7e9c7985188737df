package dev.steamcollector.pipeline;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.PriceCandidate;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.PriceSource;
import dev.steamcollector.model.RunCheckpoint;
import dev.steamcollector.persistence.PriceCheckRepository;
import dev.steamcollector.store.StoreClient;
import dev.steamcollector.store.StorePrice;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the Store for the prices of the chosen games in every configured country, many games a
 * request, into the price history, noting each game answered for as checked with the change
 * number it was chosen at. A free game has no currency of its own: it takes the currency the
 * Store uses for the other games of that country, so free games met before any priced one wait
 * for the country's last request.
 */
public final class StorePriceCollector {

    private static final Logger log = LoggerFactory.getLogger(StorePriceCollector.class);

    private final StoreClient store;
    private final PriceCheckRepository checks;
    private final PriceRecorder prices;
    private final Clock clock;
    private final StopSignal stop;

    public StorePriceCollector(StoreClient store, PriceCheckRepository checks, PriceRecorder prices, Clock clock,
            StopSignal stop) {
        this.store = store;
        this.checks = checks;
        this.prices = prices;
        this.clock = clock;
        this.stop = stop;
    }

    /**
     * Prices each country's changed games, or every active game when {@code options.all()} or when
     * there are no change numbers ({@code allBecause} says why: shown in the summary).
     */
    public void collect(PriceOptions options, String allBecause, RunTally tally) {
        PriceSelector selector = new PriceSelector(checks, clock, options.sweepPeriod());
        for (String country : options.countries()) {
            if (stop.requested()) {
                return;
            }
            PriceSelection selection = allBecause == null ? selector.selectChanged(country)
                    : selector.selectAll(country, allBecause);
            log.info("Prices: {}, {} games a request", selection.describe(), options.perRequest());
            tally.note(selection.describe());
            price(selection, options.perRequest(), tally);
        }
    }

    private void price(PriceSelection selection, int perRequest, RunTally tally) {
        List<PriceCandidate> games = selection.games();
        Country country = new Country(selection.country());
        for (int from = 0; from < games.size() && !stop.requested(); from += perRequest) {
            List<PriceCandidate> chunk = games.subList(from, Math.min(games.size(), from + perRequest));
            Map<Integer, StorePrice> answer;
            try {
                answer = store.fetchPrices(chunk.stream().map(PriceCandidate::appId).toList(), country.code);
            } catch (FetchException.Rejected | FetchException.Retryable | FetchException.Invalid e) {
                log.warn("{}; these {} games go unpriced this run", e.getMessage(), chunk.size());
                chunk.forEach(game -> tally.failed());
                continue;
            }
            answer.values().stream().filter(StorePrice.Priced.class::isInstance).findFirst()
                    .ifPresent(p -> country.currency = ((StorePrice.Priced) p).currency());
            record(country, chunk, answer, tally);
        }
        if (!country.waitingFree.isEmpty()) {
            if (country.currency == null) {
                log.info("{} free games in '{}' go unrecorded this run: no priced game told the currency",
                        country.waitingFree.size(), country.code);
            } else {
                // counted when their answer came
                store(country.code, country.waitingFree, freeObservations(country.waitingFree, country.currency),
                        Optional.empty());
            }
        }
    }

    private void record(Country country, List<PriceCandidate> chunk, Map<Integer, StorePrice> answer,
            RunTally tally) {
        List<PriceObservation> observations = new ArrayList<>();
        // the games count once committed, and the run's counters are committed with them, so that a
        // run ended at once, or killed, records what it saved
        List<FetchStatus> outcomes = new ArrayList<>();
        List<PriceCandidate> checked = new ArrayList<>();
        for (PriceCandidate game : chunk) {
            switch (answer.get(game.appId())) {
                case StorePrice.Priced p -> {
                    observations.add(new PriceObservation(game.appId(), p.currency(), p.finalCents(),
                            p.initialCents(), p.discountPercent(), PriceSource.STORE));
                    checked.add(game);
                    outcomes.add(FetchStatus.SUCCESS);
                }
                case StorePrice.Free f -> {
                    if (country.currency == null) {
                        country.waitingFree.add(game);
                    } else {
                        observations.addAll(freeObservations(List.of(game), country.currency));
                        checked.add(game);
                    }
                    outcomes.add(FetchStatus.SUCCESS);
                }
                case StorePrice.Unknown u -> {
                    // not sold there: checked all the same, asked again when its number moves
                    checked.add(game);
                    outcomes.add(FetchStatus.NOT_FOUND);
                }
                case StorePrice.Invalid invalid -> {
                    // not a check: asked again next run
                    log.warn("Store price of appid {}: {}; not stored", game.appId(), invalid.reason());
                    outcomes.add(FetchStatus.FAILED);
                }
                case null -> outcomes.add(FetchStatus.FAILED);
            }
        }
        SourceTally prices = tally.source(RunTally.PRICES);
        store(country.code, checked, observations, prices.checkpointWith(outcomes));
        outcomes.forEach(prices::count);
    }

    private void store(String country, List<PriceCandidate> checked, List<PriceObservation> observations,
            Optional<RunCheckpoint> run) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        checks.store(country, checked, observations, now, prices.rules()::evaluate, run);
    }

    private static List<PriceObservation> freeObservations(List<PriceCandidate> games, String currency) {
        return games.stream()
                .map(game -> new PriceObservation(game.appId(), currency, 0, 0, 0, PriceSource.STORE))
                .toList();
    }

    /** One country's run: its currency once a priced game told it, and free games waiting for it. */
    private static final class Country {

        private final String code;
        private final List<PriceCandidate> waitingFree = new ArrayList<>();
        private String currency;

        Country(String code) {
            this.code = code;
        }
    }
}
