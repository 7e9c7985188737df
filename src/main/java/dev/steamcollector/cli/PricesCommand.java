package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.events.RunRelay;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.metrics.MetricsPublisher;
import dev.steamcollector.notify.PriceAlertRules;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.MaxFailures;
import dev.steamcollector.pipeline.PriceOptions;
import dev.steamcollector.pipeline.PriceSetup;
import dev.steamcollector.pipeline.PriceTracker;
import dev.steamcollector.pipeline.RunFrame;
import dev.steamcollector.pipeline.StopSignal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code prices}: Store prices of the changed games, recorded when they change; then the notifications. */
@Command(name = "prices", mixinStandardHelpOptions = true,
        description = {"Fetch Store prices (price_overview) for each STORE_COUNTRY_CODES country, many games a request;",
            "record the changes in price_history and queue price-drop notifications. With STEAM_API_KEY only",
            "games whose price change number moved, new games and a sweep (every game once a PRICE_SWEEP_PERIOD)",
            "are asked about; without a key, or with --all, every active game."})
final class PricesCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--per-request", paramLabel = "N", defaultValue = "100",
            description = "Games per Store request (default ${DEFAULT-VALUE}).")
    private int perRequest;

    @Option(names = "--all", description = "Ask about every active game, changed or not.")
    private boolean all;

    @Option(names = "--sweep-period", paramLabel = "DURATION",
            description = "Ask about every game at least this often (PRICE_SWEEP_PERIOD, default 7d).")
    private String sweepPeriod;

    @Override
    public Integer call() {
        if (perRequest < 1 || perRequest > 1_000) {
            throw new ParameterException(spec.commandLine(), "--per-request takes 1 to 1000");
        }
        Settings settings = root.loadSettings(
                sweepPeriod == null ? Map.of() : Map.of("PRICE_SWEEP_PERIOD", sweepPeriod));
        StopSignal stop = new StopSignal();
        Signals.install(stop);
        Metrics metrics = new Metrics();
        MetricsPublisher publisher = MetricsPublisher.start(settings.metrics(), metrics, "prices");
        try (publisher; Database database = Database.open(settings.database());
                ApiClients clients = new ApiClients(settings, metrics)) {
            database.migrations().applyIfBehind();
            RunRelay events = RunRelay.start(settings.events(), database, Clock.systemUTC());
            PriceSetup setup = new PriceSetup(database, clients.steam(), clients.store(),
                    PriceAlertRules.from(settings.notifications()), Clock.systemUTC(),
                    settings.resilience().maxListShrinkPercent());
            PriceOptions options = new PriceOptions(settings.storeCountryCodes(), perRequest, all,
                    settings.priceSweepPeriod());
            AtomicReference<String> sent = new AtomicReference<>();
            try (events) {
                RunFrame.RunReport report = new RunFrame(database, clients.gateway(), Clock.systemUTC(), stop,
                        metrics.task("prices"))
                        .whileLocked(RunConclusion.dispatchInto(sent, database, clients, events))
                        .run("prices", Optional.empty(), MaxFailures.DEFAULT,
                                (tally, started) -> new PriceTracker(setup, stop).run(options, tally));
                RunConclusion.conclude(report, database, sent, metrics, spec.commandLine().getOut());
            }
        }
        return ExitCodes.DONE;
    }
}
