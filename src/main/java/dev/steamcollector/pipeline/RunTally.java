package dev.steamcollector.pipeline;

import dev.steamcollector.http.EndpointStats;
import dev.steamcollector.model.RunCounters;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/** The counters of a run as it goes, safe to update from any thread. */
public final class RunTally {

    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong deactivated = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void listed(long games) {
        listed.addAndGet(games);
    }

    void added(long games) {
        added.set(games);
    }

    void deactivated(long games) {
        deactivated.set(games);
    }

    void pageStored() {
        pages.incrementAndGet();
    }

    void succeeded() {
        succeeded.incrementAndGet();
    }

    void notFound() {
        notFound.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    public long pages() {
        return pages.get();
    }

    public long failures() {
        return failed.get();
    }

    /** Games whose details were fetched this run, whatever the outcome. */
    public long processed() {
        return succeeded.get() + notFound.get() + failed.get();
    }

    /** The counters, with request totals taken from {@code endpoints}. */
    public RunCounters snapshot(Collection<EndpointStats.Snapshot> endpoints) {
        long requests = endpoints.stream().mapToLong(EndpointStats.Snapshot::requests).sum();
        long retries = endpoints.stream().mapToLong(EndpointStats.Snapshot::retries).sum();
        long pauses = endpoints.stream().mapToLong(EndpointStats.Snapshot::throttlePauses).sum();
        return new RunCounters(listed.get(), added.get(), deactivated.get(), processed(), succeeded.get(),
                notFound.get(), failed.get(), requests, retries, pauses);
    }
}
