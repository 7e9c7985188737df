package dev.steamcollector.pipeline;

import dev.steamcollector.model.FetchOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one source's outcomes into batches of {@code batchSize} and stores each batch in one
 * transaction; failures are outcomes like any other, stored with their retry time. Each outcome is
 * shown in the progress as it arrives and counted once its batch is committed, so a run that ends at
 * once records what it saved.
 */
final class BatchWriter<T> {

    private final BatchSink<T> sink;
    private final int batchSize;
    private final SourceTally tally;
    private final Progress progress;
    private final List<FetchOutcome<T>> batch;

    BatchWriter(BatchSink<T> sink, int batchSize, SourceTally tally, Progress progress) {
        this.sink = sink;
        this.batchSize = batchSize;
        this.tally = tally;
        this.progress = progress;
        this.batch = new ArrayList<>(batchSize);
    }

    void add(FetchOutcome<T> outcome) {
        batch.add(outcome);
        progress.step();
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    /** Stores what is waiting, if anything. */
    void flush() {
        if (!batch.isEmpty()) {
            List<FetchOutcome<T>> stored = List.copyOf(batch);
            sink.store(stored, tally.checkpointWith(stored.stream().map(FetchOutcome::status).toList()));
            stored.forEach(outcome -> tally.count(outcome.status()));
            batch.clear();
        }
    }
}
