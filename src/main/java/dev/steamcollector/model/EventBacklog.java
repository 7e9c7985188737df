package dev.steamcollector.model;

import java.time.Instant;
import java.util.Optional;

/** The change events waiting in the outbox for the Kafka broker, and when the oldest of them was written. */
public record EventBacklog(long waiting, Optional<Instant> oldest) {

    public static final EventBacklog NONE = new EventBacklog(0, Optional.empty());
}
