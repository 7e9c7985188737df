package dev.steamcollector.pipeline;

import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.persistence.Database;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The work left waiting, for the queue gauges: games whose details are due, unsent notifications, events waiting for Kafka. */
public final class Backlog {

    private static final Logger log = LoggerFactory.getLogger(Backlog.class);

    private Backlog() {
    }

    /** Measures both queues into {@code metrics}; a failure costs only the gauges. */
    public static void measure(Database db, Clock clock, Metrics metrics) {
        try {
            Instant now = clock.instant();
            metrics.queueSize(Metrics.DETAILS_DUE, db.metadata().countDue(DueSelection.dueAt(now, Integer.MAX_VALUE)));
            metrics.queueSize(Metrics.NOTIFICATIONS, db.prices().countUnsent());
            metrics.queueSize(Metrics.EVENTS, db.events().countUnsent());
        } catch (RuntimeException e) {
            log.warn("Could not measure the queues for the metrics: {}", e.getMessage());
        }
    }
}
