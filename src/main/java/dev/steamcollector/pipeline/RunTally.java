package dev.steamcollector.pipeline;

import dev.steamcollector.http.EndpointStats;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunCheckpoint;
import dev.steamcollector.model.RunCounters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of a run as it goes, safe to update from any thread. The games of the run's main
 * source ({@value #DETAILS}: SteamSpy details, or {@value #PRICES}: Store prices) are the
 * {@code games_*} counters of {@code collection_runs}; further per-game sources are counted apart,
 * each under its name.
 */
public final class RunTally {

    /** The name of the main source of {@code collect}: SteamSpy's per-game details. */
    public static final String DETAILS = "Details";
    /** The name of the main source of {@code prices}: the Store's prices. */
    public static final String PRICES = "Prices";

    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong deactivated = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private volatile String appListSource;
    private volatile String appListSkipped;
    private final TaskMetrics metrics;
    /** The run's row in {@code collection_runs}, or 0 for a tally that is not recorded. */
    private final long runId;
    private final SourceTally details;
    private final Map<String, SourceTally> others = new LinkedHashMap<>();

    /** A tally whose games count in metrics of its own, which nobody publishes. */
    public RunTally() {
        this(new Metrics("collect").task("collect"));
    }

    public RunTally(TaskMetrics metrics) {
        this(metrics, 0);
    }

    /** The tally of {@code collect} run {@code runId}. */
    public RunTally(TaskMetrics metrics, long runId) {
        this(metrics, runId, DETAILS);
    }

    /**
     * The tally of run {@code runId} whose main source is called {@code mainSource}: that source's
     * committed batches carry the run's counters along.
     */
    public RunTally(TaskMetrics metrics, long runId, String mainSource) {
        this.metrics = metrics;
        this.runId = runId;
        this.details = new SourceTally(mainSource, metrics, this::checkpoint);
    }

    /**
     * The run's counters with the main source's games at {@code games}. Request counts are left at
     * 0: the run saves them every 30 s, and saving never lowers a counter.
     */
    private Optional<RunCheckpoint> checkpoint(SourceTally.Counts games) {
        if (runId == 0) {
            return Optional.empty();
        }
        return Optional.of(new RunCheckpoint(runId, new RunCounters(listed.get(), added.get(), deactivated.get(),
                games.processed(), games.succeeded(), games.notFound(), games.failed(), 0, 0, 0)));
    }

    void appListFrom(String source) {
        appListSource = source;
    }

    void appListSkipped(String because) {
        appListSkipped = because;
    }

    /** Where this run's app list came from; empty when the run does not fetch one. */
    public Optional<AppListReport> appList() {
        return Optional.ofNullable(appListSource).map(source -> new AppListReport(source,
                Optional.ofNullable(appListSkipped)));
    }

    /** The source of a run's app list, and why nothing came from it if it was not fetched. */
    public record AppListReport(String source, Optional<String> skippedBecause) {
    }

    void listed(long games) {
        listed.addAndGet(games);
    }

    void added(long games) {
        added.addAndGet(games);
    }

    void deactivated(long games) {
        deactivated.set(games);
    }

    void pageStored() {
        pages.incrementAndGet();
    }

    void succeeded() {
        details.count(FetchStatus.SUCCESS);
    }

    void notFound() {
        details.count(FetchStatus.NOT_FOUND);
    }

    void failed() {
        details.count(FetchStatus.FAILED);
    }

    /** The tally of the source called {@code name}: the main one by its name, else one of its own. */
    synchronized SourceTally source(String name) {
        return name.equals(details.name()) ? details : others.computeIfAbsent(name, n -> new SourceTally(n, metrics));
    }

    /** Whether {@code source} is the run's main source (its games are the run's counters). */
    boolean isMain(SourceTally source) {
        return source == details;
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
        return details.failures();
    }

    /** Games of the main source whose fetch ended this run, whatever the outcome. */
    public long processed() {
        return details.processed();
    }

    /** The first source, the main one first, with more failures than {@code budget} allows of its games. */
    synchronized Optional<SourceTally> overBudget(MaxFailures budget) {
        List<SourceTally> all = new ArrayList<>();
        all.add(details);
        all.addAll(others.values());
        return all.stream().filter(source -> source.failures() > budget.allowed(source.processed())).findFirst();
    }

    /** The outcomes of the further sources, in the order they were first counted. */
    public synchronized List<SourceTally.Counts> otherSources() {
        return others.values().stream().map(SourceTally::snapshot).toList();
    }

    /** The counters, with request totals taken from {@code endpoints}. */
    public RunCounters snapshot(Collection<EndpointStats.Snapshot> endpoints) {
        long requests = endpoints.stream().mapToLong(EndpointStats.Snapshot::requests).sum();
        long retries = endpoints.stream().mapToLong(EndpointStats.Snapshot::retries).sum();
        long pauses = endpoints.stream().mapToLong(EndpointStats.Snapshot::throttlePauses).sum();
        SourceTally.Counts games = details.snapshot();
        return new RunCounters(listed.get(), added.get(), deactivated.get(), games.processed(), games.succeeded(),
                games.notFound(), games.failed(), requests, retries, pauses);
    }
}
