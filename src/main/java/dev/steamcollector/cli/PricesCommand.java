package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.notify.PriceAlertRules;
import dev.steamcollector.pipeline.MaxFailures;
import dev.steamcollector.pipeline.PriceOptions;
import dev.steamcollector.pipeline.PriceSetup;
import dev.steamcollector.pipeline.PriceTracker;
import dev.steamcollector.pipeline.RunFrame;
import dev.steamcollector.pipeline.RunMode;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code prices}: Store prices of the changed games, recorded when they change; then the notifications. */
@Command(name = "prices", mixinStandardHelpOptions = true,
        description = {"Fetch Store prices of the games and record the changes.",
            "price_overview for each STORE_COUNTRY_CODES country, many games a request; changes go to "
                + "price_history and queue price-drop notifications. With STEAM_API_KEY only games whose price "
                + "change number moved, new games and a sweep (every game once a PRICE_SWEEP_PERIOD) are asked "
                + "about; without a key, or with --all, every active game."})
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
        try (RunSession session = RunSession.open(settings, RunMode.PRICES)) {
            PriceSetup setup = new PriceSetup(session.database(), session.clients().steam(), session.clients().store(),
                    PriceAlertRules.from(settings.notifications()), Clock.systemUTC(),
                    settings.resilience().maxListShrinkPercent());
            PriceOptions options = new PriceOptions(settings.storeCountryCodes(), perRequest, all,
                    settings.priceSweepPeriod());
            RunFrame.RunReport report = session.frame(spec.commandLine().getOut()).run(RunMode.PRICES, Optional.empty(),
                    MaxFailures.DEFAULT,
                    (tally, started) -> new PriceTracker(setup, session.stop()).run(options, tally));
            return session.conclude(report, spec.commandLine().getOut());
        }
    }
}
