package dev.steamcollector.pipeline;

import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunCheckpoint;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** The outcomes of one per-game source in a run, safe to count from any thread; each also counts in the metrics. */
public final class SourceTally {

    private final String name;
    private final TaskMetrics metrics;
    private final Function<Counts, Optional<RunCheckpoint>> checkpoint;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SourceTally(String name, TaskMetrics metrics) {
        this(name, metrics, counts -> Optional.empty());
    }

    /** A tally whose counts are the run's: {@code checkpoint} makes the run's counters from them. */
    SourceTally(String name, TaskMetrics metrics, Function<Counts, Optional<RunCheckpoint>> checkpoint) {
        this.name = name;
        this.metrics = metrics;
        this.checkpoint = checkpoint;
    }

    /**
     * The run's counters as they will stand once a batch with {@code statuses} is committed, to be
     * saved in the batch's own transaction; empty for a source whose games are not the run's counters.
     */
    Optional<RunCheckpoint> checkpointWith(List<FetchStatus> statuses) {
        Counts now = snapshot();
        return checkpoint.apply(new Counts(name, now.succeeded() + count(statuses, FetchStatus.SUCCESS),
                now.notFound() + count(statuses, FetchStatus.NOT_FOUND), now.failed() + count(statuses, FetchStatus.FAILED)));
    }

    private static long count(List<FetchStatus> statuses, FetchStatus status) {
        return statuses.stream().filter(status::equals).count();
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
