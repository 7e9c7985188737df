package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.StatusReport;
import dev.steamcollector.model.StoreBacklog;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.persistence.GameRepository.ActiveCounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code status}: what the database holds, the work due and how the last runs went. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show what the database holds, the work due and the last runs.",
            "Games per fetch status, active and inactive games, the games whose details are due with an "
                + "ETA at STEAMSPY_API_LIMIT, the Store catalogue and Store details due (with STORE_DETAILS) "
                + "with ETAs at their limits, the freshness of each source's data (median, 95th percentile and "
                + "oldest age), each endpoint's pace next to its configured limit, and the last runs."})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the status as one JSON object.")
    private boolean json;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "How many recent runs to show (default ${DEFAULT-VALUE}).")
    private int runs;

    @Override
    public Integer call() {
        Settings settings = root.loadSettings(Map.of());
        try (Database database = Database.openForReading(settings.database())) {
            database.migrations().requireCurrent();
            Instant now = Clock.systemUTC().instant();
            Optional<StatusView.StoreStatus> store = settings.pipeline().storeDetails()
                    ? Optional.of(new StatusView.StoreStatus(storeBacklog(database, now), settings.api().storeLimit(),
                            settings.api().storeReviewsLimit(), catalogue(database, settings, now)))
                    : Optional.empty();
            StatusView view = new StatusView(settings.database().describe(), report(database, now),
                    settings.api().steamSpyLimit(),
                    StatusView.Pace.inForce(database.paces().findAll(), settings.api(), now), store,
                    new FreshnessView(database.freshness().find(now, settings.storeCountryCodes())));
            if (json) {
                view.printJson(spec.commandLine().getOut());
            } else {
                view.printText(spec.commandLine().getOut());
            }
        }
        return ExitCodes.DONE;
    }

    private StatusReport report(Database database, Instant now) {
        ActiveCounts games = database.games().countByActive();
        // the games an incremental collect would fetch details for, were it started now
        long due = database.metadata().countDue(DueSelection.dueAt(now, Integer.MAX_VALUE));
        return new StatusReport(database.metadata().countByStatus(), games.active(), games.inactive(), due,
                database.runs().findLatest(Math.max(0, runs)), database.games().findNewestLastModified().orElse(null),
                database.metadata().countChangedSinceDetails(), database.notifications().counts(),
                database.events().backlog());
    }

    /** Where the catalogue stands, when {@code collect} reads it. */
    private static Optional<StatusView.CatalogueStatus> catalogue(Database database, Settings settings, Instant now) {
        if (!settings.pipeline().storeCatalogue()) {
            return Optional.empty();
        }
        return Optional.of(new StatusView.CatalogueStatus(database.catalogueDue().countByStatus(),
                database.catalogueDue().countDue(DueSelection.dueAt(now, Integer.MAX_VALUE)),
                settings.api().storeCatalogueLimit(), settings.pipeline().catalogueBatch()));
    }

    /** The Store descriptions and review summaries an incremental collect would fetch, were it started now. */
    private static StoreBacklog storeBacklog(Database database, Instant now) {
        DueSelection due = DueSelection.dueAt(now, Integer.MAX_VALUE);
        return new StoreBacklog(database.storeDescriptionsDue().countByStatus(),
                database.storeDescriptionsDue().countDue(due), database.storeReviewsDue().countByStatus(),
                database.storeReviewsDue().countDue(due));
    }
}
