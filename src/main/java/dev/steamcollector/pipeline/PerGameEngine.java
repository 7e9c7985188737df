package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one per-game source over the games due: a {@link Dispatcher} fetches them on virtual
 * threads, a {@link BatchWriter} stores the outcomes a batch at a time. Whatever came back is
 * committed before the run ends, also when it ends because the source's endpoint went down.
 */
public final class PerGameEngine {

    /** How long fetches in flight may take to finish after a stop before they are cancelled. */
    public static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(PerGameEngine.class);

    private final StopSignal stop;
    private final Duration grace;
    private final Limits limits;
    private final ProgressFactory progress;

    /** Requests in flight at once and games per transaction. */
    public record Limits(int workers, int batchSize) {
        public Limits {
            if (workers < 1 || batchSize < 1) {
                throw new IllegalArgumentException("workers and batch size must be positive");
            }
        }
    }

    /** Makes the progress display of a source's pass over {@code total} games. */
    @FunctionalInterface
    public interface ProgressFactory {
        Progress create(String task, long total);

        /** A bar on a terminal, log lines elsewhere. */
        static ProgressFactory of(boolean terminal, Clock clock) {
            return (task, total) -> Progress.create(task, total, terminal, clock);
        }
    }

    public PerGameEngine(StopSignal stop, Duration grace, Limits limits, ProgressFactory progress) {
        this.stop = stop;
        this.grace = grace;
        this.limits = limits;
        this.progress = progress;
    }

    /**
     * Fetches {@code due} from {@code source}, in order, counting into {@code tally}. Throws the
     * {@link dev.steamcollector.http.FetchException.EndpointDown} of a source that stayed down, or
     * the {@link Error} a fetch threw, after committing everything that came back.
     */
    public <T> void run(GameSource<T> source, List<DueGame> due, SourceTally tally) {
        if (due.isEmpty()) {
            // nothing to show: no empty bar, and no "0 games" before the page pass has brought any in
            log.debug("{}: no game due", source.name());
            return;
        }
        log.info("{}: {} games to fetch", source.name(), due.size());
        try (Progress shown = progress.create(source.name(), due.size());
                Dispatcher<T> dispatcher = new Dispatcher<>(source, limits.workers(), stop, grace)) {
            BatchWriter<T> writer = new BatchWriter<>(source, limits.batchSize(), tally, shown);
            dispatcher.start(due, source.name());
            for (Optional<FetchOutcome<T>> next = take(dispatcher); next.isPresent(); next = take(dispatcher)) {
                writer.add(next.get());
            }
            writer.flush();
            dispatcher.fatal().ifPresent(error -> {
                throw error;
            });
            dispatcher.endpointDown().ifPresent(down -> {
                throw down;
            });
        }
    }

    /** Whether the run was asked to stop: a new pass would fetch nothing. */
    public boolean stopRequested() {
        return stop.requested();
    }

    private static <T> Optional<FetchOutcome<T>> take(Dispatcher<T> dispatcher) {
        try {
            return dispatcher.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for outcomes");
        }
    }
}
