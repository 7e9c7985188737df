package dev.steamcollector.http;

import java.time.Duration;

/**
 * When a request left its rate gate, carried as a request tag: its duration counts from there, not
 * from when it began waiting for its turn, and its answer tells the pace about the pace it left at.
 * Until the gate lets it through (a request that fails to connect never reaches it) the attempt's
 * start stands in.
 */
final class GateExit {

    private volatile long nanos;

    GateExit(long attemptStartedNanos) {
        this.nanos = attemptStartedNanos;
    }

    void passed(long atNanos) {
        nanos = atNanos;
    }

    long nanos() {
        return nanos;
    }

    Duration until(long nowNanos) {
        return Duration.ofNanos(Math.max(0, nowNanos - nanos));
    }
}
