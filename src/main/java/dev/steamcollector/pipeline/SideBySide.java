package dev.steamcollector.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the SteamSpy page pass, when there is one, beside the per-game sources, each on a virtual
 * thread of its own, so every gate is busy at once. A source may wait for the pass to end (its
 * second round fetches the games the pages brought in). After a stop the pass gets the grace that
 * requests in flight get, then is cancelled: at one page a minute it may be waiting its turn at the
 * gate for most of a minute, and a cancelled page is simply fetched again by the next run. A
 * failure of one does not stop the others; the first is thrown once all have ended.
 */
final class SideBySide {

    private static final Logger log = LoggerFactory.getLogger(SideBySide.class);

    private final StopSignal stop;
    private final Duration grace;

    SideBySide(StopSignal stop, Duration grace) {
        this.stop = stop;
        this.grace = grace;
    }

    /** One per-game source's work in the run. */
    @FunctionalInterface
    interface Lane {
        /** {@code pagesDone} completes when the pass ends: true when it ran to its end (or was not due). */
        void run(CompletableFuture<Boolean> pagesDone);

        /** This lane, then {@code done} completed however it ended. */
        default Lane signalling(CompletableFuture<Void> done) {
            return pagesDone -> {
                try {
                    run(pagesDone);
                } finally {
                    done.complete(null);
                }
            };
        }

        /** This lane, started once {@code first} has completed. */
        default Lane after(CompletableFuture<Void> first) {
            return pagesDone -> {
                first.join();
                run(pagesDone);
            };
        }
    }

    void run(Optional<Runnable> pagePass, List<Lane> lanes) {
        CompletableFuture<Boolean> pagesDone = new CompletableFuture<>();
        List<RuntimeException> failures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Optional<Future<?>> pages = pagePass.map(threads::submit);
            List<Future<?>> running = lanes.stream()
                    .<Future<?>>map(lane -> threads.submit(() -> lane.run(pagesDone))).toList();
            if (pages.isEmpty()) {
                pagesDone.complete(false);
            } else {
                awaitPages(pages.get(), pagesDone).ifPresent(failures::add);
            }
            running.forEach(lane -> join(lane).ifPresent(failures::add));
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private Optional<RuntimeException> awaitPages(Future<?> pages, CompletableFuture<Boolean> done) {
        boolean completed = false;
        try {
            completed = awaitOrCancel(pages);
            return Optional.empty();
        } catch (RuntimeException failure) {
            return Optional.of(failure);
        } finally {
            done.complete(completed);
        }
    }

    /** Waits for the pass; true when it ended by itself, false when it was cancelled after a stop. */
    private boolean awaitOrCancel(Future<?> pages) {
        while (true) {
            try {
                pages.get(1, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException stillRunning) {
                if (stop.requested()) {
                    return cancelAfterGrace(pages);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pages.cancel(true);
                return false;
            } catch (ExecutionException e) {
                throw unwrap(e);
            }
        }
    }

    private boolean cancelAfterGrace(Future<?> pages) {
        try {
            pages.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.info("Stopping the SteamSpy page pass; it continues at its checkpoint next run");
            pages.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pages.cancel(true);
            return false;
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private Optional<RuntimeException> join(Future<?> lane) {
        try {
            lane.get();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lane.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(unwrap(e));
        }
    }

    /** The failure of a lane or of the pass; an {@link Error} is thrown at once, the others left to stop. */
    private RuntimeException unwrap(ExecutionException e) {
        if (e.getCause() instanceof Error error) {
            stop.request(StopSignal.Reason.ERROR);
            throw error;
        }
        return e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    }
}
