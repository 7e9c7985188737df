package dev.steamcollector.pipeline;

import dev.steamcollector.model.Game;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.steam.SteamWebApiClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code collect} pipeline: app list, then the SteamSpy page pass beside the per-game sources.
 * It runs inside a {@link RunFrame} (run lock, the run's record, how it ended), which keeps all
 * finished work however the run stops.
 */
public final class Collector {

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
        List<SideBySide.Lane> lanes = GameSources.of(setup).stream()
                .map(source -> rounds.lane(source, tally.source(source.name())))
                .toList();
        new SideBySide(stop, PerGameEngine.IN_FLIGHT_GRACE).run(pagePass(plan, options, tally), lanes);
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
        return new AppListCollector(db.games(), db.metadata(), setup.prices(), setup.clock(), 1_000,
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
