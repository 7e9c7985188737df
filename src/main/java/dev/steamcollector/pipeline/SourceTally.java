package dev.steamcollector.pipeline;

import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.model.FetchStatus;
import java.util.concurrent.atomic.AtomicLong;

/** The outcomes of one per-game source in a run, safe to count from any thread; each also counts in the metrics. */
public final class SourceTally {

    private final String name;
    private final TaskMetrics metrics;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SourceTally(String name, TaskMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
    }

    public String name() {
        return name;
    }

    void count(FetchStatus status) {
        switch (status) {
            case SUCCESS -> succeeded.incrementAndGet();
            case NOT_FOUND -> notFound.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
            case PENDING -> throw new IllegalArgumentException("a fetch never leaves a game pending");
        }
        metrics.gameProcessed(status);
    }

    /** Games whose fetch ended this run, whatever the outcome. */
    public long processed() {
        return succeeded.get() + notFound.get() + failed.get();
    }

    public long failures() {
        return failed.get();
    }

    public Counts snapshot() {
        return new Counts(name, succeeded.get(), notFound.get(), failed.get());
    }

    /** The outcomes counted so far. */
    public record Counts(String source, long succeeded, long notFound, long failed) {

        public long processed() {
            return succeeded + notFound + failed;
        }
    }
}
