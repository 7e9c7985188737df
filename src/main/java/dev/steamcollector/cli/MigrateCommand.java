package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.persistence.Migrations;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code migrate}: applies the schema migrations and prints the configuration in force. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the database migrations to DATABASE_URL and check the configuration.")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = root.loadSettings(Map.of());
        try (Database database = Database.open(settings.database())) {
            Migrations.Outcome outcome = database.migrations().apply();
            new ConfigurationReport(settings, outcome).printTo(spec.commandLine().getOut());
        }
        return ExitCodes.DONE;
    }
}
