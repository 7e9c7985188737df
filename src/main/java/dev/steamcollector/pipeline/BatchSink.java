package dev.steamcollector.pipeline;

import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.RunCheckpoint;
import java.util.List;
import java.util.Optional;

/** Stores a batch of one source's outcomes in one transaction. */
@FunctionalInterface
public interface BatchSink<T> {

    void store(List<FetchOutcome<T>> batch);

    /**
     * Stores the batch and, in the same transaction, the run's counters as they stand with it
     * ({@code run}, for the run's main source), so that a run killed at any moment leaves counters
     * that match what it committed. A sink of a source whose games are not the run's counters
     * ignores them.
     */
    default void store(List<FetchOutcome<T>> batch, Optional<RunCheckpoint> run) {
        store(batch);
    }
}
