package dev.steamcollector.cli;

import dev.steamcollector.config.Durations;
import dev.steamcollector.config.Settings;
import dev.steamcollector.notify.PriceAlertRules;
import dev.steamcollector.pipeline.CollectOptions;
import dev.steamcollector.pipeline.CollectOptions.Mode;
import dev.steamcollector.pipeline.Collector;
import dev.steamcollector.pipeline.CollectorSetup;
import dev.steamcollector.pipeline.MaxFailures;
import dev.steamcollector.pipeline.RunFrame;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code collect}: the pipeline; migrates first when the schema is behind. */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bring the games and their SteamSpy metadata (and Store details) up to date.",
            "The app list first, then SteamSpy's pages (figures for every game, once a day) and per-game "
                + "details (genre, languages, tags) for the games that are due: new ones first, then failures "
                + "whose retry time has come, then the stalest. With STORE_DETAILS (the default), also each "
                + "game's Store description and review summary, side by side, each on its own gate."})
final class CollectCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private ModeOptions modes = new ModeOptions();

    /** The run modes; at most one. */
    static final class ModeOptions {
        @Option(names = "--full-refresh", description = "App list, then metadata for every active game, however fresh.")
        boolean fullRefresh;

        @Option(names = "--update-metadata", description = "Metadata only; the app list is not fetched.")
        boolean updateMetadata;

        @Option(names = "--retry-failed", description = "Only games whose last metadata fetch failed.")
        boolean retryFailed;
    }

    @Option(names = "--limit", paramLabel = "N", description = "At most N games' details from each source this run.")
    private Integer limit;

    @Option(names = "--max-duration", paramLabel = "DURATION",
            description = "Start no new fetches after this long (e.g. 45m, 2h); finish, commit, exit 0.")
    private String maxDuration;

    @Option(names = "--app-ids", paramLabel = "ID", split = ",", description = "Only these games, e.g. 10,20,30.")
    private List<Integer> appIds = List.of();

    @Option(names = "--batch-size", paramLabel = "N", description = "Games per database transaction (BATCH_SIZE).")
    private Integer batchSize;

    @Option(names = "--workers", paramLabel = "N", description = "Most requests in flight at once per source (MAX_WORKERS).")
    private Integer workers;

    @Option(names = "--max-failures", paramLabel = "N|P%", defaultValue = "10%",
            description = "Exit 3 when more games fail than this count or share of those attempted (default: ${DEFAULT-VALUE}).")
    private String maxFailures;

    @Override
    public Integer call() {
        Settings settings = root.loadSettings(flags());
        CollectOptions options = options(settings);
        try (RunSession session = RunSession.open(settings, options.runMode())) {
            CollectorSetup setup = new CollectorSetup(session.database(), session.clients().gateway(),
                    session.clients().steam(), session.clients().steamSpy(), Clock.systemUTC(),
                    settings.resilience().maxListShrinkPercent(), settings.pipeline().retryAttempts(),
                    PriceAlertRules.from(settings.notifications()), Terminal.isInteractive(), session.metrics(),
                    settings.pipeline().storeDetails() ? Optional.of(session.clients().store()) : Optional.empty(),
                    session.clients().catalogue());
            RunFrame.RunReport report = new Collector(setup, session.stop()).run(options, session.frame(spec.commandLine().getOut()));
            return session.conclude(report, spec.commandLine().getOut());
        }
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        Optional.ofNullable(batchSize).ifPresent(value -> flags.put("BATCH_SIZE", value.toString()));
        Optional.ofNullable(workers).ifPresent(value -> flags.put("MAX_WORKERS", value.toString()));
        return flags;
    }

    private CollectOptions options(Settings settings) {
        if (limit != null && limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must not be negative");
        }
        if (appIds.stream().anyMatch(id -> id <= 0)) {
            throw new ParameterException(spec.commandLine(), "--app-ids takes positive appids, e.g. 10,20,30");
        }
        MaxFailures failures;
        try {
            failures = MaxFailures.parse(maxFailures);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-failures: " + e.getMessage());
        }
        Mode mode = modes.fullRefresh ? Mode.FULL_REFRESH : modes.updateMetadata ? Mode.UPDATE_METADATA
                : modes.retryFailed ? Mode.RETRY_FAILED : Mode.INCREMENTAL;
        return new CollectOptions(mode, appIds, limit == null ? Integer.MAX_VALUE : limit,
                Optional.ofNullable(maxDuration).map(text -> Durations.parse("--max-duration", text)),
                settings.pipeline().maxWorkers(), settings.pipeline().batchSize(), failures);
    }
}
