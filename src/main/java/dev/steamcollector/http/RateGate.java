package dev.steamcollector.http;

import dev.steamcollector.config.RateLimit;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces one endpoint for every thread of the process: requests leave evenly spaced at the pace in
 * force (its {@link PaceController}), never faster than the configured limit allows in any window
 * of its period, and all wait while the endpoint is paused after a throttle signal.
 *
 * <p>Three rules, each with its tool. A request reserves the next free slot, the pace's interval
 * plus 1% after the one before (the margin absorbs jitter between leaving here and reaching the
 * server), and sleeps until it; nothing is saved up while idle, so there is no burst after a quiet
 * spell. A pause (which comes with every pace cut) voids the reservations made before it: their
 * holders take fresh slots after it, at the new pace. And a log of the last {@code N} departures
 * holds back any request that would make {@code N + 1} within one period of the configured limit,
 * as a thread that woke late from a stall or a busy CPU otherwise might.
 */
public final class RateGate {

    /** The margin absorbs jitter between leaving here and reaching the server. */
    static final double SAFETY_MARGIN = 1.01;

    private final Ticker ticker;
    private final PaceController pace;
    private final DepartureLog departures;
    private final ReentrantLock lock = new ReentrantLock();
    private long nextFree;
    private long lastDeparture;
    private long pausedUntil;
    private long generation;

    /** A gate that keeps to {@code limit}, as nothing ever slows it. */
    public RateGate(RateLimit limit, Ticker ticker) {
        this(limit, new PaceController(limit, Duration.ofSeconds(30), ticker), ticker);
    }

    /** A gate at the pace {@code pace} sets, which is never above {@code limit}. */
    public RateGate(RateLimit limit, PaceController pace, Ticker ticker) {
        this.ticker = ticker;
        this.pace = pace;
        this.departures = new DepartureLog(limit, ticker);
        long now = ticker.nanoTime();
        this.nextFree = now;
        this.lastDeparture = now - interval();
        this.pausedUntil = now;
    }

    public PaceController pace() {
        return pace;
    }

    /** Waits until a request may leave. */
    public void acquire() throws InterruptedException {
        while (true) {
            Slot slot = reserve();
            long wait = slot.at() - ticker.nanoTime();
            if (wait > 0) {
                ticker.sleep(wait);
            }
            if (stillValid(slot)) {
                departures.awaitRoomAndRecord();
                return;
            }
        }
    }

    /** Holds every request of this endpoint for at least {@code duration} from now, and voids reserved slots. */
    public void pause(Duration duration) {
        lock.lock();
        try {
            long until = ticker.nanoTime() + duration.toNanos();
            pausedUntil = until - pausedUntil > 0 ? until : pausedUntil;
            generation++;
            // slots reserved at the old pace are taken again after the pause, at the new one
            nextFree = Math.max(pausedUntil, lastDeparture + interval());
        } finally {
            lock.unlock();
        }
    }

    /** How long the endpoint stays paused, zero when it is not. */
    public Duration remainingPause() {
        lock.lock();
        try {
            return Duration.ofNanos(Math.max(0, pausedUntil - ticker.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    /** Waits while the endpoint is paused; a request waits out a pause before it starts, not inside its timeout. */
    public void awaitPauseEnd() throws InterruptedException {
        long wait;
        while ((wait = remainingPause().toNanos()) > 0) {
            ticker.sleep(wait);
        }
    }

    /** A reserved time to leave, valid while no pause begins: while the pause generation is the same. */
    private record Slot(long at, long generation) {
    }

    private Slot reserve() {
        lock.lock();
        try {
            // the clock first: a pause that begins while it is read is still seen below
            long now = ticker.nanoTime();
            long slot = Math.max(now, Math.max(pausedUntil, nextFree));
            nextFree = slot + interval();
            return new Slot(slot, generation);
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code slot} may be used now: no pause began since it was taken. */
    private boolean stillValid(Slot slot) {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            if (slot.generation() != generation || pausedUntil - now > 0) {
                return false;
            }
            lastDeparture = now;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private long interval() {
        return Math.max(1, Math.round(pace.intervalNanos() * SAFETY_MARGIN));
    }
}
