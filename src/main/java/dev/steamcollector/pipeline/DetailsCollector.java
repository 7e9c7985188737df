package dev.steamcollector.pipeline;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.steamspy.SteamSpyClient;
import dev.steamcollector.steamspy.SteamSpyRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches per-game details on virtual threads, at most {@code workers} in flight (the rate gate
 * does the pacing), and hands the outcomes to one writer that commits every {@code batchSize}.
 * On a stop request it dispatches nothing more, lets in-flight requests finish for up to 10
 * seconds, and commits what came back.
 */
public final class DetailsCollector {

    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DetailsCollector.class);

    private final SteamSpyClient client;
    private final DetailsSink sink;
    private final Clock clock;
    private final FailureBackoff backoff;
    private final StopSignal stop;

    public DetailsCollector(SteamSpyClient client, DetailsSink sink, Clock clock, FailureBackoff backoff,
            StopSignal stop) {
        this.client = client;
        this.sink = sink;
        this.clock = clock;
        this.backoff = backoff;
        this.stop = stop;
    }

    /** One fetch's outcome; {@code update} is empty when the fetch was cancelled. */
    private record Outcome(Optional<MetadataUpdate> update, Optional<Game> name) {
        static final Outcome CANCELLED = new Outcome(Optional.empty(), Optional.empty());
    }

    /**
     * Fetches the details of {@code due}, in order. Throws {@link FetchException.EndpointDown},
     * after committing everything that came back, when SteamSpy stays down.
     */
    public void collect(List<DueGame> due, int workers, int batchSize, RunTally tally, Progress progress) {
        BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        AtomicReference<FetchException.EndpointDown> down = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(workers);
        ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
        AtomicInteger dispatched = new AtomicInteger();
        Thread dispatcher = Thread.ofVirtual().name("dispatcher").start(() -> {
            for (DueGame game : due) {
                if (!acquire(inFlight)) {
                    break;
                }
                // checked after the wait for a free slot, which may be long
                if (stop.requested()) {
                    inFlight.release();
                    break;
                }
                try {
                    fetchers.execute(() -> {
                        Outcome outcome = Outcome.CANCELLED;
                        try {
                            outcome = fetch(game, down);
                        } finally {
                            // exactly one outcome per dispatched game, whatever happened
                            outcomes.add(outcome);
                            inFlight.release();
                        }
                    });
                    dispatched.incrementAndGet();
                } catch (RejectedExecutionException cancelled) {
                    inFlight.release();
                    break;
                }
            }
        });
        try {
            write(outcomes, dispatcher, dispatched, fetchers, batchSize, tally, progress);
        } finally {
            fetchers.shutdownNow();
        }
        if (down.get() != null) {
            throw down.get();
        }
    }

    private static boolean acquire(Semaphore inFlight) {
        try {
            inFlight.acquire();
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private Outcome fetch(DueGame game, AtomicReference<FetchException.EndpointDown> down) {
        Instant at = clock.instant();
        try {
            Optional<SteamSpyRecord> record = client.fetchDetails(game.appId());
            if (record.isEmpty()) {
                return new Outcome(Optional.of(new MetadataUpdate.NotFound(game.appId(), at)), Optional.empty());
            }
            Optional<Game> name = Optional.of(record.get().name()).filter(n -> !n.isBlank())
                    .map(n -> new Game(game.appId(), n));
            return new Outcome(Optional.of(new MetadataUpdate.Fetched(record.get().metadata(), at)), name);
        } catch (FetchException.EndpointDown e) {
            down.compareAndSet(null, e);
            stop.request(StopSignal.Reason.ENDPOINT_DOWN);
            return Outcome.CANCELLED;
        } catch (FetchException e) {
            int failures = game.fetchAttempts() + 1;
            return new Outcome(Optional.of(new MetadataUpdate.Failed(game.appId(), e.getMessage(), at,
                    backoff.retryAt(failures, at))), Optional.empty());
        } catch (CancellationException e) {
            return Outcome.CANCELLED;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return Outcome.CANCELLED;
            }
            log.debug("Fetching details of {} failed unexpectedly", game.appId(), e);
            return new Outcome(Optional.of(new MetadataUpdate.Failed(game.appId(), String.valueOf(e.getMessage()), at,
                    backoff.retryAt(game.fetchAttempts() + 1, at))), Optional.empty());
        }
    }

    private void write(BlockingQueue<Outcome> outcomes, Thread dispatcher, AtomicInteger dispatched, ExecutorService fetchers,
            int batchSize, RunTally tally, Progress progress) {
        List<MetadataUpdate> batch = new ArrayList<>(batchSize);
        List<Game> names = new ArrayList<>();
        int received = 0;
        Instant graceEnds = null;
        while (dispatcher.isAlive() || received < dispatched.get()) {
            if (stop.requested() && graceEnds == null) {
                graceEnds = clock.instant().plus(IN_FLIGHT_GRACE);
            }
            if (graceEnds != null && clock.instant().isAfter(graceEnds)) {
                log.warn("In-flight requests did not finish within {}s: cancelling them", IN_FLIGHT_GRACE.toSeconds());
                fetchers.shutdownNow();
                graceEnds = Instant.MAX;
            }
            Outcome outcome = poll(outcomes);
            if (outcome == null) {
                continue;
            }
            received++;
            outcome.update().ifPresent(update -> {
                batch.add(update);
                progress.step();
            });
            outcome.name().ifPresent(names::add);
            if (batch.size() >= batchSize) {
                flush(batch, names, tally);
            }
        }
        flush(batch, names, tally);
    }

    private static Outcome poll(BlockingQueue<Outcome> outcomes) {
        try {
            return outcomes.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Commits the batch; the tally counts games once committed, so a run ended at once records what it saved. */
    private void flush(List<MetadataUpdate> batch, List<Game> names, RunTally tally) {
        if (!batch.isEmpty()) {
            sink.store(batch, names);
            batch.forEach(update -> count(update, tally));
            batch.clear();
            names.clear();
        }
    }

    private static void count(MetadataUpdate update, RunTally tally) {
        switch (update) {
            case MetadataUpdate.Fetched f -> tally.succeeded();
            case MetadataUpdate.NotFound n -> tally.notFound();
            case MetadataUpdate.Failed f -> tally.failed();
        }
    }
}
