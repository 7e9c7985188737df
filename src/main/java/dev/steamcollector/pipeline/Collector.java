package dev.steamcollector.pipeline;

import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.Game;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.steam.SteamWebApiClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Optional;

/**
 * The {@code collect} pipeline: app list, then the SteamSpy page pass beside the per-game sources.
 * It runs inside a {@link RunFrame} (run lock, the run's record, how it ended), which keeps all
 * finished work however the run stops.
 */
public final class Collector {

    /** A run starts the one-game Store sources after the catalogue when more active games than this share were never described by it. */
    static final int CATALOGUE_FIRST_PERCENT = 10;

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
        return frame.run(options.runMode(), options.maxDuration(), options.maxFailures(),
                (tally, started) -> steps(options, tally, started));
    }

    private void steps(CollectOptions options, RunTally tally, Instant started) {
        CollectPlan plan = CollectPlan.of(options, setup.steam().isPresent());
        if (plan.chosenGames()) {
            db.games().upsertGames(options.appIds().stream().map(id -> new Game(id, null)).toList(), started);
        }
        if (plan.keyedAppList()) {
            appListCollector().collect(new SteamAppListSource(setup.steam().orElseThrow(),
                    SteamWebApiClient.MAX_RESULTS), tally);
        }
        PerGameEngine engine = new PerGameEngine(stop, PerGameEngine.IN_FLIGHT_GRACE,
                new PerGameEngine.Limits(options.workers(), options.batchSize()),
                PerGameEngine.ProgressFactory.of(setup.terminal(), setup.clock()));
        SourceRounds rounds = new SourceRounds(engine, options, started, setup.clock());
        new SideBySide(stop, PerGameEngine.IN_FLIGHT_GRACE).run(pagePass(plan, options, tally),
                lanes(rounds, tally, options));
    }

    /**
     * A lane per source. While most games were never described by the catalogue (a first run), the
     * one-game-a-request Store sources start once the catalogue's pass has ended: it describes every
     * game in half an hour, where they would take days.
     */
    private List<SideBySide.Lane> lanes(SourceRounds rounds, RunTally tally, CollectOptions options) {
        CompletableFuture<Void> described = new CompletableFuture<>();
        boolean describeFirst = setup.catalogue().isPresent() && options.appIds().isEmpty() && mostlyUndescribed();
        List<SideBySide.Lane> lanes = new ArrayList<>();
        for (GameSource<?> source : GameSources.of(setup)) {
            SideBySide.Lane lane = rounds.lane(source, tally.source(source.name()));
            if (source instanceof CatalogueSource) {
                lane = lane.signalling(described);
            } else if (describeFirst && source.describesTheStore()) {
                lane = lane.after(described);
            }
            lanes.add(lane);
        }
        if (setup.catalogue().isEmpty()) {
            described.complete(null);
        }
        return lanes;
    }

    /**
     * Whether the catalogue never described a game yet (a new database, before its list is in), or
     * more than {@value #CATALOGUE_FIRST_PERCENT}% of the active games were never described by it.
     */
    private boolean mostlyUndescribed() {
        Map<FetchStatus, Long> counts = db.catalogueDue().countByStatus();
        long active = counts.values().stream().mapToLong(Long::longValue).sum();
        long pending = counts.get(FetchStatus.PENDING);
        return pending == active || pending * 100 > active * CATALOGUE_FIRST_PERCENT;
    }

    private Optional<Runnable> pagePass(CollectPlan plan, CollectOptions options, RunTally tally) {
        boolean force = CollectPlan.forced(options);
        return switch (plan.pages()) {
            case NONE -> Optional.empty();
            case CATALOGUE -> Optional.of(() -> appListCollector().collect(
                    new SteamSpyCatalogueSource(pagePass(), force), tally));
            case FIGURES -> Optional.of(() -> pageFigures(force, options.batchSize(), tally));
        };
    }

    private AppListCollector appListCollector() {
        return new AppListCollector(db.games(), db.metadata(), setup.prices(), setup.clock(),
                setup.maxListShrinkPercent());
    }

    private SteamSpyPagePass pagePass() {
        return new SteamSpyPagePass(setup.steamSpy(), db.pagePasses(), setup.clock(), stop);
    }

    private void pageFigures(boolean force, int batchSize, RunTally tally) {
        PageFigures figures = new PageFigures(db.games(), db.metadata(), setup.prices(), setup.clock(), batchSize);
        pagePass().run(force, (page, records) -> {
            figures.store(records);
            tally.pageStored();
        });
    }
}
