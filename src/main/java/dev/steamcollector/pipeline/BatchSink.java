package dev.steamcollector.pipeline;

import dev.steamcollector.model.FetchOutcome;
import java.util.List;

/** Stores a batch of one source's outcomes in one transaction. */
@FunctionalInterface
public interface BatchSink<T> {

    void store(List<FetchOutcome<T>> batch);
}
