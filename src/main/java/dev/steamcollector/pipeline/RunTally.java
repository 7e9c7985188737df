package dev.steamcollector.pipeline;

import dev.steamcollector.http.EndpointStats;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunCounters;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The counters of a run as it goes, safe to update from any thread; each game also counts in the metrics. */
public final class RunTally {

    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong deactivated = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final TaskMetrics metrics;

    /** A tally whose games count in metrics of its own, which nobody publishes. */
    public RunTally() {
        this(new Metrics("collect").task("collect"));
    }

    public RunTally(TaskMetrics metrics) {
        this.metrics = metrics;
    }

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
        metrics.gameProcessed(FetchStatus.SUCCESS);
    }

    void notFound() {
        notFound.incrementAndGet();
        metrics.gameProcessed(FetchStatus.NOT_FOUND);
    }

    void failed() {
        failed.incrementAndGet();
        metrics.gameProcessed(FetchStatus.FAILED);
    }

    /** Adds a line to the run's summary (e.g. which games {@code prices} asked about, and why). */
    void note(String line) {
        notes.add(line);
    }

    public List<String> notes() {
        return List.copyOf(notes);
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
