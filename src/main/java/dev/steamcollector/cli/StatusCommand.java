package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.model.StatusReport;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.persistence.DatabaseException;
import dev.steamcollector.persistence.GameRepository.ActiveCounts;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code status}: what the database holds and how the last runs went. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show games per fetch status, active and inactive games, and the last runs.")
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
            if (database.migrations().pending()) {
                throw new DatabaseException("the database schema is behind; run 'steam-collector migrate' first",
                        DatabaseException.Reason.MISCONFIGURED, null);
            }
            ActiveCounts games = database.games().countByActive();
            StatusReport report = new StatusReport(database.metadata().countByStatus(), games.active(),
                    games.inactive(), database.runs().findLatest(Math.max(0, runs)));
            StatusView view = new StatusView(settings.database().describe(), report);
            if (json) {
                view.printJson(spec.commandLine().getOut());
            } else {
                view.printText(spec.commandLine().getOut());
            }
        }
        return ExitCodes.DONE;
    }
}
