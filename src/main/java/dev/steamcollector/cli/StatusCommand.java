package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.StatusReport;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.persistence.GameRepository.ActiveCounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code status}: what the database holds, the work due and how the last runs went. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show games per fetch status, active and inactive games, the games whose",
            "details are due with an ETA at STEAMSPY_API_LIMIT, each endpoint's pace next to its",
            "configured limit, and the last runs."})
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
        try (Database database = Database.open(settings.database())) {
            database.migrations().requireCurrent();
            StatusView view = new StatusView(settings.database().describe(), report(database),
                    settings.api().steamSpyLimit(),
                    StatusView.Pace.inForce(database.paces().findAll(), settings.api(), Clock.systemUTC().instant()));
            if (json) {
                view.printJson(spec.commandLine().getOut());
            } else {
                view.printText(spec.commandLine().getOut());
            }
        }
        return ExitCodes.DONE;
    }

    private StatusReport report(Database database) {
        ActiveCounts games = database.games().countByActive();
        // the games an incremental collect would fetch details for, were it started now
        Instant now = Clock.systemUTC().instant();
        long due = database.metadata().countDue(DueSelection.dueAt(now, Integer.MAX_VALUE));
        return new StatusReport(database.metadata().countByStatus(), games.active(), games.inactive(), due,
                database.runs().findLatest(Math.max(0, runs)), database.games().findNewestLastModified().orElse(null),
                database.metadata().countChangedSinceDetails(), database.notifications().counts());
    }
}
