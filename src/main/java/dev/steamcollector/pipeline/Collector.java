package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.CollectOptions.Mode;
import dev.steamcollector.steam.SteamWebApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code collect} pipeline: app list, SteamSpy page figures, per-game details. It holds the
 * run lock, records the run in {@code collection_runs} from start to end, and ends it cleanly on
 * a stop request or a failure, keeping all finished work.
 */
public final class Collector {

    /** Details fetched more recently than this are not due again in an incremental run. */
    static final Duration DETAILS_FRESH_FOR = Duration.ofHours(20);
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final CollectorSetup setup;
    private final Database db;
    private final StopSignal stop;

    public Collector(CollectorSetup setup, StopSignal stop) {
        this.setup = setup;
        this.db = setup.database();
        this.stop = stop;
    }

    /** Runs the pipeline; how it ended comes back in the report, never as an exception past the lock. */
    public RunReport run(CollectOptions options) {
        try (RunLock lock = RunLock.acquire(db.locks(), options.label(), setup.clock())) {
            Instant started = setup.clock().instant();
            int abandoned = db.runs().closeAbandoned(started);
            if (abandoned > 0) {
                log.warn("{} earlier run(s) ended without finishing (killed or crashed): recorded as interrupted; "
                        + "this run continues their work", abandoned);
            }
            long id = db.runs().start(options.label(), ProcessHandle.current().pid(), RunLock.hostName(), started);
            RunTally tally = new RunTally();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon(true).name("run-timer").factory());
            timer.scheduleAtFixedRate(() -> heartbeat(lock, id, tally), HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(),
                    TimeUnit.SECONDS);
            options.maxDuration().ifPresent(limit -> timer.schedule(
                    () -> stop.request(StopSignal.Reason.DEADLINE), limit.toMillis(), TimeUnit.MILLISECONDS));
            RuntimeException failure = null;
            try {
                steps(options, tally, started);
            } catch (RuntimeException e) {
                failure = e;
                log.debug("Run {} failed", id, e);
            } finally {
                timer.shutdownNow();
            }
            return finish(id, options, started, tally, failure);
        }
    }

    private void heartbeat(RunLock lock, long id, RunTally tally) {
        try {
            lock.heartbeat(setup.clock().instant());
            db.runs().updateCounters(id, tally.snapshot(setup.http().stats().values()));
        } catch (RuntimeException e) {
            log.warn("Could not record the run's progress: {}", e.getMessage());
        }
    }

    private void steps(CollectOptions options, RunTally tally, Instant started) {
        if (!options.appIds().isEmpty()) {
            db.games().upsertGames(options.appIds().stream().map(id -> new Game(id, null)).toList(), started);
            details(options.appIds().stream().map(id -> new DueGame(id, 0)).toList(), options, tally);
            return;
        }
        Mode mode = options.mode();
        boolean force = mode == Mode.FULL_REFRESH;
        boolean listed = mode == Mode.INCREMENTAL || force;
        Optional<SteamWebApiClient> steam = setup.steam();
        if (listed && steam.isPresent()) {
            appListCollector().collect(new SteamAppListSource(steam.get(), SteamWebApiClient.MAX_RESULTS), tally);
        }
        Runnable pages = null;
        if (listed && steam.isEmpty()) {
            // without a key the pages are the list, and carry the figures too
            pages = () -> appListCollector().collect(new SteamSpyCatalogueSource(pagePass(), force), tally);
        } else if (listed || mode == Mode.UPDATE_METADATA) {
            pages = () -> pageFigures(force, options.batchSize(), tally);
        }
        // the page pass (one request a minute) and the details (their own gate) run side by side
        try (ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> pagePass = pages == null ? null : background.submit(pages);
            try {
                detailsIfNotStopped(selection(options, started), options, tally);
            } finally {
                if (pagePass != null) {
                    await(pagePass);
                }
            }
            if (pagePass != null) {
                // games the pages brought in are due now
                DueSelection newlyDue = selection(options, started);
                detailsIfNotStopped(new DueSelection(DueSelection.Kind.DUE, newlyDue.now(),
                        newlyDue.now().minus(DETAILS_FRESH_FOR), remaining(options, tally)), options, tally);
            }
        }
    }

    private void detailsIfNotStopped(DueSelection selection, CollectOptions options, RunTally tally) {
        if (!stop.requested() && selection.limit() > 0) {
            details(db.metadata().findDue(selection), options, tally);
        }
    }

    private static int remaining(CollectOptions options, RunTally tally) {
        return (int) Math.max(0, options.limit() - tally.processed());
    }

    private static void await(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private DueSelection selection(CollectOptions options, Instant started) {
        Instant now = setup.clock().instant();
        return switch (options.mode()) {
            case RETRY_FAILED -> new DueSelection(DueSelection.Kind.FAILED, now, now, options.limit());
            case FULL_REFRESH -> new DueSelection(DueSelection.Kind.ALL, now, started, options.limit());
            default -> new DueSelection(DueSelection.Kind.DUE, now, now.minus(DETAILS_FRESH_FOR), options.limit());
        };
    }

    private void details(List<DueGame> due, CollectOptions options, RunTally tally) {
        log.info("Details: {} games to fetch", due.size());
        DetailsCollector collector = new DetailsCollector(setup.steamSpy(), db.games(), db.metadata(), setup.clock(),
                new FailureBackoff(setup.retryAttempts()), stop);
        try (Progress progress = Progress.create("Details", due.size(), setup.terminal(), setup.clock())) {
            collector.collect(due, options.workers(), options.batchSize(), tally, progress);
        }
    }

    private AppListCollector appListCollector() {
        return new AppListCollector(db.games(), db.metadata(), setup.clock(), 1_000, setup.maxListShrinkPercent());
    }

    private SteamSpyPagePass pagePass() {
        return new SteamSpyPagePass(setup.steamSpy(), db.pagePasses(), setup.clock(), stop);
    }

    private void pageFigures(boolean force, int batchSize, RunTally tally) {
        PageFigures figures = new PageFigures(db.games(), db.metadata(), setup.clock(), batchSize);
        pagePass().run(force, (page, records) -> {
            figures.store(records);
            tally.pageStored();
        });
    }

    private RunReport finish(long id, CollectOptions options, Instant started, RunTally tally,
            RuntimeException failure) {
        RunCounters counters = tally.snapshot(setup.http().stats().values());
        RuntimeException outcome = failure;
        if (stop.interrupted()) {
            outcome = new RunFailure.Interrupted(stop.reason());
        } else if (failure == null && tally.failures() > options.maxFailures().allowed(tally.processed())) {
            outcome = new RunFailure.TooManyFailures(tally.failures(), options.maxFailures().allowed(tally.processed()));
        }
        // too many failures still means done (exit 3): the run did its work
        RunStatus status = outcome == null || outcome instanceof RunFailure.TooManyFailures ? RunStatus.SUCCEEDED
                : outcome instanceof RunFailure.Interrupted ? RunStatus.INTERRUPTED : RunStatus.FAILED;
        String message = outcome != null ? outcome.getMessage()
                : stop.reason() == StopSignal.Reason.DEADLINE ? "stopped at --max-duration; the rest is due next run"
                : null;
        Instant finished = setup.clock().instant();
        db.runs().finish(id, status, counters, message, finished);
        RunSummary summary = new RunSummary(id, options.label(), status,
                Duration.between(started, finished).truncatedTo(ChronoUnit.MILLIS), counters, tally.pages(),
                setup.http().stats(), message);
        return new RunReport(summary, Optional.ofNullable(outcome));
    }

    /** A run's summary and, when it did not simply succeed, why. */
    public record RunReport(RunSummary summary, Optional<RuntimeException> failure) {
    }
}
