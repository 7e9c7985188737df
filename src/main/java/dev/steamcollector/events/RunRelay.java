package dev.steamcollector.events;

import dev.steamcollector.config.EventSettings;
import dev.steamcollector.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of a run: started with the run, so that every change it records queues its event, and
 * finished under the run lock, sending what waits within a bounded time. A broker that cannot be
 * reached is reported once; its events wait in the database for the next run, and the run's outcome
 * is unchanged.
 */
public final class RunRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunRelay.class);
    /** The most the end of a run spends on the broker. */
    public static final Duration BUDGET = Duration.ofSeconds(30);

    private final EventRelay relay;
    private final String topic;

    private RunRelay(EventRelay relay, String topic) {
        this.relay = relay;
        this.topic = topic;
    }

    /**
     * When events are configured, makes every change recorded from now on queue its event; otherwise
     * a relay that does nothing, and nothing is queued.
     */
    public static RunRelay start(EventSettings settings, Database database, Clock clock) {
        if (!settings.enabled()) {
            return new RunRelay(null, settings.topic());
        }
        database.queueEvents();
        return new RunRelay(EventRelay.connect(settings, database.events(), clock), settings.topic());
    }

    /**
     * Sends what waits (this run's events and any backlog) and prunes old sent events; returns the
     * line for the summary, empty when events are off.
     */
    public Optional<String> finish() {
        if (relay == null) {
            return Optional.empty();
        }
        EventRelay.Outcome outcome = relay.relay(BUDGET);
        if (outcome.failed()) {
            log.warn("Kafka: cannot deliver events to topic {} ({}); {} events wait for the next run",
                    topic, outcome.problem(), outcome.waiting());
        }
        try {
            relay.prune();
        } catch (RuntimeException e) {
            log.warn("Could not prune sent events: {}", e.getMessage());
            log.debug("Pruning sent events failed", e);
        }
        return Optional.of(outcome.waiting() == 0
                ? String.format("  Events:    %d published to Kafka topic %s", outcome.sent(), topic)
                : String.format("  Events:    %d published to Kafka topic %s, %d waiting for the next run (%s)",
                        outcome.sent(), topic, outcome.waiting(),
                        outcome.failed() ? "Kafka: " + outcome.problem() : "time was up"));
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
    }
}
