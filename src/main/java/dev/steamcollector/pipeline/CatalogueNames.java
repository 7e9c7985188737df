package dev.steamcollector.pipeline;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.StoreNames;
import dev.steamcollector.persistence.StoreNamesRepository;
import dev.steamcollector.store.StoreBrowseClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the Store's tag and category ids for a catalogue pass: those stored, fetched anew
 * when they are a week old (or were never fetched), and once a run when an item carries an id they
 * do not know. When the names cannot be fetched the pass goes on with those it has, skipping ids
 * it cannot name.
 */
final class CatalogueNames {

    static final Duration FRESH_FOR = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(CatalogueNames.class);

    private final StoreNamesRepository stored;
    private final StoreBrowseClient client;
    private final Clock clock;
    private volatile StoreNames current;
    private boolean refreshedThisRun;

    CatalogueNames(StoreNamesRepository stored, StoreBrowseClient client, Clock clock) {
        this.stored = stored;
        this.client = client;
        this.clock = clock;
    }

    /** The names in force: the stored ones, fetched first when they are missing or a week old. */
    synchronized StoreNames current() {
        if (current == null) {
            current = stored.find();
            Instant now = clock.instant();
            if (current.fetchedAt().isEmpty() || current.fetchedAt().get().isBefore(now.minus(FRESH_FOR))) {
                refresh("they are " + (current.fetchedAt().isEmpty() ? "not stored yet" : "a week old"));
            }
        }
        return current;
    }

    /** Names that know every id the caller met, if a refresh (at most one a run) can bring them. */
    synchronized StoreNames withUnknownIds() {
        if (!refreshedThisRun) {
            refresh("an item carries an id they do not name");
        }
        return current;
    }

    private void refresh(String why) {
        refreshedThisRun = true;
        log.info("Fetching the Store's tag and category names: {}", why);
        try {
            StoreNames fetched = new StoreNames(client.fetchTagNames(), client.fetchCategoryNames(), Optional.of(clock.instant()));
            stored.replace(fetched, fetched.fetchedAt().orElseThrow());
            current = fetched;
        } catch (FetchException.EndpointDown | CancellationException e) {
            throw e;
        } catch (FetchException e) {
            log.warn("Could not fetch the Store's tag and category names ({}); ids without a name are skipped",
                    e.getMessage());
            log.debug("Fetching the names failed", e);
        }
    }
}
