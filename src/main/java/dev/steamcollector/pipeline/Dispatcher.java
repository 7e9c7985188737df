package dev.steamcollector.pipeline;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches games in order on virtual threads, a request's worth of games at a time, at most
 * {@code workers} requests at once (the rate gates do the pacing), and hands each game's outcome on
 * through {@link #next()}. On a stop it starts nothing more,
 * gives the fetches in flight the grace to finish, then cancels them; a cancelled game yields no
 * outcome and stays due. An {@link Error} in a fetch is no game's outcome: it stops the run and is
 * kept for the engine to throw.
 */
final class Dispatcher<T> implements AutoCloseable {

    /** How often a dispatcher waiting for a free slot, or for the fetches in flight, looks at the stop signal. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** The fewest outcomes that may wait to be stored before the fetches wait too. */
    static final int MIN_WAITING = 1_000;

    private final GameSource<T> source;
    private final Semaphore slots;
    private final StopSignal stop;
    private final Duration grace;
    private final ExecutorService fetches = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Bounded: while a batch is being stored, fetches wait to hand on their outcomes instead of piling
     * them up, so a database slower than the APIs holds the fetching back rather than filling the memory.
     */
    private final BlockingQueue<Optional<FetchOutcome<T>>> outcomes;
    private final AtomicReference<FetchException.EndpointDown> down = new AtomicReference<>();
    private final AtomicReference<Error> fatal = new AtomicReference<>();
    private Thread thread;

    Dispatcher(GameSource<T> source, int workers, StopSignal stop, Duration grace) {
        this.source = source;
        // room for what the requests in flight bring, twice over, and for a while of fetching while the
        // database is briefly away (a few MB at most)
        this.outcomes = new LinkedBlockingQueue<>(Math.max(MIN_WAITING, 2 * workers * source.gamesPerRequest()));
        this.slots = new Semaphore(workers);
        this.stop = stop;
        this.grace = grace;
    }

    /** Starts dispatching {@code due}, in order, on a thread of its own. */
    void start(List<DueGame> due, String name) {
        thread = Thread.ofVirtual().name(name + "-dispatcher").start(() -> {
            try {
                dispatch(due);
                awaitInFlight();
            } finally {
                // the end of the outcomes: every fetch has delivered, or was given up
                handOn(Optional.empty());
            }
        });
    }

    /** Hands an outcome (or the end) on, waiting for room; an interrupted wait means nobody takes it any more. */
    private void handOn(Optional<FetchOutcome<T>> outcome) {
        try {
            outcomes.put(outcome);
        } catch (InterruptedException e) {
            // closed or cancelled: the game stays due
            Thread.currentThread().interrupt();
        }
    }

    /** The next outcome, waiting for it; empty once every fetch has delivered its outcome. */
    Optional<FetchOutcome<T>> next() throws InterruptedException {
        return outcomes.take();
    }

    /** The first error of the JVM a fetch threw, if one did. */
    Optional<Error> fatal() {
        return Optional.ofNullable(fatal.get());
    }

    /** The endpoint that went down during the run, if one did. */
    Optional<FetchException.EndpointDown> endpointDown() {
        return Optional.ofNullable(down.get());
    }

    private void dispatch(List<DueGame> due) {
        int perRequest = source.gamesPerRequest();
        for (int from = 0; from < due.size(); from += perRequest) {
            List<DueGame> games = due.subList(from, Math.min(due.size(), from + perRequest));
            if (!awaitSlot()) {
                return;
            }
            try {
                fetches.execute(() -> fetchOne(games));
            } catch (RejectedExecutionException closed) {
                slots.release();
                return;
            }
        }
    }

    /** Waits for a free slot; false when the run is stopping (or this thread was interrupted) instead. */
    private boolean awaitSlot() {
        try {
            while (!slots.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (stop.requested()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            // closed: what is in flight is cancelled next, without waiting
            Thread.currentThread().interrupt();
            return false;
        }
        // checked after the wait for a slot, which may be long
        if (stop.requested()) {
            slots.release();
            return false;
        }
        return true;
    }

    private void fetchOne(List<DueGame> games) {
        try {
            for (FetchOutcome<T> outcome : source.fetch(games)) {
                handOn(Optional.of(outcome));
            }
        } catch (FetchException.EndpointDown e) {
            down.compareAndSet(null, e);
            stop.request(StopSignal.Reason.ENDPOINT_DOWN);
        } catch (CancellationException cancelled) {
            // no outcome: the game stays due
        } catch (RuntimeException e) {
            log.warn("Fetching {} failed unexpectedly; it stays due: {}", games.getFirst().appId(), e.toString());
            log.debug("Fetching {} failed", games.getFirst().appId(), e);
        } catch (Error e) {
            // thrown on, this would only end the virtual thread, and the run would go on without a word
            fatal.compareAndSet(null, e);
            stop.request(StopSignal.Reason.ERROR);
        } finally {
            slots.release();
        }
    }

    /** Waits for the fetches in flight; after a stop, for the grace at most, then cancels them. */
    private void awaitInFlight() {
        fetches.shutdown();
        try {
            while (!fetches.awaitTermination(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (stop.requested()) {
                    cancelAfterGrace();
                    return;
                }
            }
        } catch (InterruptedException e) {
            fetches.shutdownNow();
            // closed: the end need not wait for room that nobody makes any more
            Thread.currentThread().interrupt();
        }
    }

    private void cancelAfterGrace() throws InterruptedException {
        if (fetches.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        log.warn("In-flight requests did not finish within {}s: cancelling them", grace.toSeconds());
        fetches.shutdownNow();
        if (!fetches.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Some requests ignored the cancellation; their games stay due");
        }
    }

    /** Cancels whatever is still running, and waits for the dispatcher to end. */
    @Override
    public void close() {
        fetches.shutdownNow();
        if (thread != null) {
            thread.interrupt();
            try {
                // nobody takes outcomes any more: room for whoever still waits to hand one on
                while (!thread.join(POLL)) {
                    outcomes.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
