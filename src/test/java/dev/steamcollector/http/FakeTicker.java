package dev.steamcollector.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when told to or when someone sleeps on it; for one thread at a time. */
final class FakeTicker implements Ticker {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private volatile Runnable duringNextSleep = () -> { };
    private volatile Runnable atNextReading = () -> { };
    private volatile int readingsToSkip = -1;

    @Override
    public long nanoTime() {
        long reading = now.get();
        if (readingsToSkip >= 0 && readingsToSkip-- == 0) {
            atNextReading.run();
        }
        return reading;
    }

    @Override
    public void sleep(long nanos) {
        Runnable action = duringNextSleep;
        duringNextSleep = () -> { };
        action.run();
        now.addAndGet(Math.max(0, nanos));
    }

    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** Runs {@code action} while the clock is read for the {@code skip + 1}-th time from now. */
    void atReading(int skip, Runnable action) {
        atNextReading = action;
        readingsToSkip = skip;
    }

    /** Runs {@code action} at the start of the next sleep, as another thread would while this one waits. */
    void duringNextSleep(Runnable action) {
        duringNextSleep = action;
    }
}
