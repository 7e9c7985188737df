package dev.steamcollector.model;

/**
 * A run's counters as they stand once the transaction they travel with commits, so that a run
 * killed at any moment leaves counters that match what it committed.
 */
public record RunCheckpoint(long runId, RunCounters counters) {
}
