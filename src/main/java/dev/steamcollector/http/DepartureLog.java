package dev.steamcollector.http;

import dev.steamcollector.config.RateLimit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The times of an endpoint's last {@code N} requests, {@code N} being the limit's count: a request
 * may leave only once the one {@code N} places back is a full period old, so no window of the
 * period ever holds more than {@code N}, whatever the threads' timing.
 */
final class DepartureLog {

    private final long period;
    private final long[] times;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private int next;
    private int recorded;

    DepartureLog(RateLimit limit, Ticker ticker) {
        this.period = limit.period().toNanos();
        // a daily limit of 100,000 needs 800 kB here; larger counts are capped, still paced by the gate
        this.times = new long[(int) Math.min(limit.permits(), 1_000_000)];
        this.ticker = ticker;
    }

    /** Waits until one more request fits in every window, then records it as leaving now. */
    void awaitRoomAndRecord() throws InterruptedException {
        long wait;
        while ((wait = recordIfRoom(ticker.nanoTime())) > 0) {
            ticker.sleep(wait);
        }
    }

    /** Records a request leaving at {@code now} if it fits in every window; otherwise how long until it does. */
    long recordIfRoom(long now) {
        lock.lock();
        try {
            long wait = recorded < times.length ? 0 : times[next] + period - now;
            if (wait > 0) {
                return wait;
            }
            times[next] = now;
            next = (next + 1) % times.length;
            recorded = Math.min(recorded + 1, times.length);
            return 0;
        } finally {
            lock.unlock();
        }
    }
}
