package dev.steamcollector.pipeline;

import dev.steamcollector.http.Ticker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a run to stop starting new work: a signal, the end of {@code --max-duration}, a dead
 * endpoint, or an error of the JVM in one of its threads.
 */
public final class StopSignal {

    /** Why a run stops early. */
    public enum Reason {
        SIGINT, SIGTERM, SIGHUP, DEADLINE, ENDPOINT_DOWN,
        /** An {@link Error} (out of memory, a stack overflow) in a fetch: the run ends failed. */
        ERROR;

        boolean isSignal() {
            return this == SIGINT || this == SIGTERM || this == SIGHUP;
        }
    }

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private final CountDownLatch signalled = new CountDownLatch(1);

    /**
     * The first reason given wins, except that a signal overrides a deadline or a dead endpoint:
     * Ctrl-C always means interrupted (and a second one quits at once).
     */
    public void request(Reason why) {
        reason.getAndUpdate(current -> current == null || why.isSignal() && !current.isSignal() ? why : current);
        if (why.isSignal()) {
            signalled.countDown();
        }
    }

    /**
     * Asks the run to stop for the signal {@code why}, as {@link #request} does, and says in the
     * same atomic step whether it is the first signal: Ctrl-C pressed twice in quick succession is
     * handled by two threads at once, and the second must not be taken for a first.
     */
    public boolean firstSignal(Reason why) {
        if (!why.isSignal()) {
            throw new IllegalArgumentException(why + " is not a signal");
        }
        Reason before = reason.getAndUpdate(current -> current == null || !current.isSignal() ? why : current);
        signalled.countDown();
        return before == null || !before.isSignal();
    }

    public boolean requested() {
        return reason.get() != null;
    }

    /** The reason, or null while no stop was asked for. */
    public Reason reason() {
        return reason.get();
    }

    /** Whether the run was stopped by a signal, so it counts as interrupted. */
    public boolean interrupted() {
        Reason why = reason.get();
        return why != null && why.isSignal();
    }

    /**
     * Time whose waits a signal cuts short: {@link Ticker#sleep} then throws
     * {@link InterruptedException}, so that nothing (a long {@code retry_after}) holds a stopping process.
     */
    public Ticker pausing() {
        return new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                if (signalled.await(Math.max(0, nanos), TimeUnit.NANOSECONDS)) {
                    throw new InterruptedException("stopped by " + reason());
                }
            }
        };
    }
}
