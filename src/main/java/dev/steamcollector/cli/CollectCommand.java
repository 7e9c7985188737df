package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.AppListCollector;
import dev.steamcollector.pipeline.CollectRun;
import dev.steamcollector.pipeline.CollectRun.RunReport;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code collect}: the pipeline; migrates first when the schema is behind. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Fetch the app list (Steam Web API with STEAM_API_KEY, SteamSpy pages without) and store it.")
final class CollectCommand implements Callable<Integer> {

    /** App list upserts use transactions of at least this many games, whatever BATCH_SIZE says. */
    private static final int MIN_LIST_TRANSACTION = 1_000;

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--batch-size", paramLabel = "N", description = "Games per database transaction (BATCH_SIZE).")
    private Integer batchSize;

    @Override
    public Integer call() {
        Map<String, String> flags = new HashMap<>();
        if (batchSize != null) {
            flags.put("BATCH_SIZE", batchSize.toString());
        }
        Settings settings = root.loadSettings(flags);
        ApiClients clients = new ApiClients(settings);
        try (Database database = Database.open(settings.database()); var gateway = clients.gateway()) {
            database.migrations().apply();
            AppListCollector appList = new AppListCollector(database.games(), database.metadata(), Clock.systemUTC(),
                    Math.max(MIN_LIST_TRANSACTION, settings.pipeline().batchSize()),
                    settings.resilience().maxListShrinkPercent());
            RunReport report = new CollectRun(database.runs(), gateway, appList, clients.appListSource(),
                    Clock.systemUTC()).execute("incremental");
            report.summary().printTo(spec.commandLine().getOut());
            report.failure().ifPresent(failure -> {
                throw failure;
            });
        }
        return ExitCodes.DONE;
    }
}
