package dev.steamcollector.http;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one endpoint over a run. */
public final class EndpointStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttlePauses = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    void requestSent() {
        requests.incrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    void paused() {
        throttlePauses.incrementAndGet();
    }

    void failed() {
        failures.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.get(), retries.get(), throttlePauses.get(), failures.get());
    }

    /** The counters at one moment. */
    public record Snapshot(long requests, long retries, long throttlePauses, long failures) {
    }
}
