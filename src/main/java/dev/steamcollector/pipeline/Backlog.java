package dev.steamcollector.pipeline;

import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.persistence.Database;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work left waiting, for the queue gauges: games whose details are due, unsent notifications,
 * events waiting for Kafka,
 * and (while the Store details are kept) Store descriptions and review summaries due.
 */
public final class Backlog {

    private static final Logger log = LoggerFactory.getLogger(Backlog.class);

    private Backlog() {
    }

    /** Measures the queues into {@code metrics}; a failure costs only the gauges. */
    public static void measure(Database db, Clock clock, Metrics metrics, boolean storeDetails) {
        measure(db, clock, metrics, storeDetails, List.of());
    }

    /** The same, and the age of each source's data (Store prices for each of {@code countries}). */
    public static void measure(Database db, Clock clock, Metrics metrics, boolean storeDetails, List<String> countries) {
        try {
            DueSelection due = DueSelection.dueAt(clock.instant(), Integer.MAX_VALUE);
            metrics.queueSize(Metrics.DETAILS_DUE, db.metadata().countDue(due));
            metrics.queueSize(Metrics.NOTIFICATIONS, db.notifications().countQueued());
            metrics.queueSize(Metrics.EVENTS, db.events().backlog().waiting());
            db.freshness().find(clock.instant(), countries).forEach(metrics::dataAge);
            if (storeDetails) {
                metrics.queueSize(Metrics.STORE_DETAILS_DUE, db.storeDescriptionsDue().countDue(due));
                metrics.queueSize(Metrics.STORE_REVIEWS_DUE, db.storeReviewsDue().countDue(due));
                metrics.queueSize(Metrics.STORE_CATALOGUE_DUE, db.catalogueDue().countDue(due));
            }
        } catch (RuntimeException e) {
            log.warn("Could not measure the queues for the metrics: {}", e.getMessage());
            log.debug("Measuring the queues failed", e);
        }
    }
}
