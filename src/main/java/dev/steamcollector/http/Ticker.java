package dev.steamcollector.http;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Time as the gates and retries see it: a nanosecond clock, the wall clock (for what is dated) and
 * a way to wait. Tests pass a fake.
 */
public interface Ticker {

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        }
    };

    long nanoTime();

    void sleep(long nanos) throws InterruptedException;

    /** The wall-clock time, for a {@code Retry-After} date and a pace's snapshot; a fake may date its own time. */
    default Instant instant() {
        return Instant.now();
    }
}
