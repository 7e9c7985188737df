package dev.steamcollector.pipeline;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.CatalogueDescription;
import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.StoreNames;
import dev.steamcollector.persistence.StoreBacklogRepository;
import dev.steamcollector.persistence.StoreDetailsRepository;
import dev.steamcollector.store.CatalogueAnswer;
import dev.steamcollector.store.CatalogueItem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Store catalogue ({@code IStoreBrowseService/GetItems}): up to a hundred games a request, into
 * {@code store_details}. Items are read by the appid asked: an item about an appid nobody asked is
 * ignored, an asked game missing from the answer is asked again after the usual backoff (then
 * failed), {@code success} other than 1 is not found. A failed game is due again at the next run:
 * asking it again costs a hundredth of a request.
 */
final class CatalogueSource implements GameSource<CatalogueDescription> {

    /** The name of the catalogue in progress and summary lines. */
    static final String NAME = "Catalogue";
    private static final Logger log = LoggerFactory.getLogger(CatalogueSource.class);

    private final StoreBacklogRepository due;
    private final StoreDetailsRepository details;
    private final StoreCatalogue catalogue;
    private final CatalogueNames names;
    private final Clock clock;
    private final AtomicBoolean foreignSeen = new AtomicBoolean();

    CatalogueSource(CollectorSetup setup, StoreCatalogue catalogue) {
        this.due = setup.database().catalogueDue();
        this.details = setup.database().storeDetails();
        this.catalogue = catalogue;
        this.names = new CatalogueNames(setup.database().storeNames(), catalogue.client(), setup.clock());
        this.clock = setup.clock();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<DueGame> findDue(DueSelection selection) {
        return due.findDue(selection);
    }

    @Override
    public int gamesPerRequest() {
        return catalogue.gamesPerRequest();
    }

    @Override
    public List<FetchOutcome<CatalogueDescription>> fetch(List<DueGame> games) {
        StoreNames named = names.current();
        Instant at = clock.instant();
        List<FetchOutcome<CatalogueDescription>> outcomes = new ArrayList<>(games.size());
        List<Integer> ask = games.stream().map(DueGame::appId).toList();
        for (int retry = 1; ; retry++) {
            CatalogueAnswer answer;
            try {
                answer = catalogue.client().fetchItems(ask, catalogue.countryCode());
            } catch (FetchException.EndpointDown | CancellationException e) {
                throw e;
            } catch (FetchException e) {
                ask.forEach(appId -> outcomes.add(new FetchOutcome.Failed<>(appId, e.getMessage(), at, at)));
                return outcomes;
            }
            named = read(answer, ask, named, at, outcomes);
            if (answer.missing().isEmpty()) {
                return outcomes;
            }
            if (retry > catalogue.retries().retries()) {
                answer.missing().forEach(appId -> outcomes.add(new FetchOutcome.Failed<>(appId,
                        "Store catalogue: no item about it in the answer", at, at)));
                return outcomes;
            }
            ask = answer.missing();
            pause(retry);
        }
    }

    /** Adds the outcome of each game the answer settled; returns the names in force after it. */
    private StoreNames read(CatalogueAnswer answer, List<Integer> asked, StoreNames named, Instant at,
            List<FetchOutcome<CatalogueDescription>> outcomes) {
        if (!answer.foreign().isEmpty()) {
            // logged once a run: a misbehaving proxy or cache would otherwise fill the log
            String message = "Store catalogue: an answer about appids {} to a request about {} games from appid {};"
                    + " those items are ignored";
            if (foreignSeen.compareAndSet(false, true)) {
                log.warn(message, answer.foreign(), asked.size(), asked.getFirst());
            } else {
                log.debug(message, answer.foreign(), asked.size(), asked.getFirst());
            }
        }
        answer.noStoreItem().forEach(appId -> outcomes.add(new FetchOutcome.NotFound<>(appId, at)));
        answer.invalid().forEach((appId, reason) -> outcomes.add(new FetchOutcome.Failed<>(appId,
                "Store catalogue: invalid item: " + reason, at, at)));
        StoreNames names = named;
        if (answer.described().values().stream().anyMatch(item -> !item.namedBy(named))) {
            names = this.names.withUnknownIds();
        }
        for (CatalogueItem item : answer.described().values()) {
            outcomes.add(new FetchOutcome.Fetched<>(item.appId(), item.describe(names), at));
        }
        return names;
    }

    private void pause(int retry) {
        try {
            Thread.sleep(catalogue.retries().backoff(retry, Optional.empty(), ThreadLocalRandom.current()::nextDouble));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting to ask the catalogue again");
        }
    }

    @Override
    public void store(List<FetchOutcome<CatalogueDescription>> batch) {
        details.storeCatalogue(batch);
    }
}
