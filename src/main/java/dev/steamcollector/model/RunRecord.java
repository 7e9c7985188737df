package dev.steamcollector.model;

import java.time.Instant;

/** A row of {@code collection_runs}. */
public record RunRecord(
        long id,
        String mode,
        Instant startedAt,
        Instant finishedAt,
        RunStatus status,
        RunCounters counters,
        String message) {
}
