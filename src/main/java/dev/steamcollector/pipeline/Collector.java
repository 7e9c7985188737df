package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.Game;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.CollectOptions.Mode;
import dev.steamcollector.steam.SteamWebApiClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code collect} pipeline: app list, SteamSpy page figures, per-game details. It holds the
 * run lock, records the run in {@code collection_runs} from start to end, and ends it cleanly on
 * a stop request or a failure, keeping all finished work.
 */
public final class Collector {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final CollectorSetup setup;
    private final Database db;
    private final StopSignal stop;

    public Collector(CollectorSetup setup, StopSignal stop) {
        this.setup = setup;
        this.db = setup.database();
        this.stop = stop;
    }

    /**
     * Runs the pipeline in {@code frame} (the lock, the run's record, what happens while locked);
     * how it ended comes back in the report, never as an exception past the lock.
     */
    public RunFrame.RunReport run(CollectOptions options, RunFrame frame) {
        return frame.run(options.label(), options.maxDuration(), options.maxFailures(),
                (tally, started) -> steps(options, tally, started));
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
                detailsIfNotStopped(DueSelection.dueAt(newlyDue.now(), remaining(options, tally)), options, tally);
            }
        }
    }

    private void detailsIfNotStopped(DueSelection selection, CollectOptions options, RunTally tally) {
        if (!stop.requested() && selection.limit() > 0) {
            details(db.metadata().findDue(selection), options, tally);
        }
    }

    private static void cancelAfterGrace(Future<?> task) throws InterruptedException, ExecutionException {
        try {
            task.get(DetailsCollector.IN_FLIGHT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.info("Stopping the SteamSpy page pass; it continues at its checkpoint next run");
            task.cancel(true);
        }
    }

    private static int remaining(CollectOptions options, RunTally tally) {
        return (int) Math.max(0, options.limit() - tally.processed());
    }

    /**
     * Waits for the page pass. After a stop it gets the grace in-flight requests get, then is
     * cancelled: at one page a minute it may be waiting its turn at the gate for most of a minute,
     * and a cancelled page is simply fetched again by the next run.
     */
    private void await(Future<?> task) {
        try {
            while (true) {
                try {
                    task.get(1, TimeUnit.SECONDS);
                    return;
                } catch (TimeoutException stillRunning) {
                    if (stop.requested()) {
                        cancelAfterGrace(task);
                        return;
                    }
                }
            }
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
            default -> DueSelection.dueAt(now, options.limit());
        };
    }

    private void details(List<DueGame> due, CollectOptions options, RunTally tally) {
        log.info("Details: {} games to fetch", due.size());
        DetailsCollector collector = new DetailsCollector(setup.steamSpy(),
                new DetailsSink(db.detailsBatches(), prices()), setup.clock(),
                new FailureBackoff(setup.retryAttempts()), stop);
        try (Progress progress = Progress.create("Details", due.size(), setup.terminal(), setup.clock())) {
            collector.collect(due, options.workers(), options.batchSize(), tally, progress);
        }
    }

    private AppListCollector appListCollector() {
        return new AppListCollector(db.games(), db.metadata(), prices(), setup.clock(), 1_000,
                setup.maxListShrinkPercent());
    }

    private PriceRecorder prices() {
        return new PriceRecorder(db.prices(), setup.alertRules());
    }

    private SteamSpyPagePass pagePass() {
        return new SteamSpyPagePass(setup.steamSpy(), db.pagePasses(), setup.clock(), stop);
    }

    private void pageFigures(boolean force, int batchSize, RunTally tally) {
        PageFigures figures = new PageFigures(db.games(), db.metadata(), prices(), setup.clock(), batchSize);
        pagePass().run(force, (page, records) -> {
            figures.store(records);
            tally.pageStored();
        });
    }

}
