package dev.steamcollector.cli;

import dev.steamcollector.config.ConfigSources;
import dev.steamcollector.config.Settings;
import dev.steamcollector.config.SettingsLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code steam-collector} command: global options shared by every subcommand. */
@Command(name = "steam-collector",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Collects Steam game data (app list, SteamSpy metadata, prices) into SQLite, PostgreSQL or MySQL/MariaDB.",
        subcommands = {CollectCommand.class, PricesCommand.class, NotifyCommand.class, MigrateCommand.class,
            StatusCommand.class, ExportCommand.class, CompletionCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0   done",
            "  1   failed",
            "  2   usage or configuration error",
            "  3   done, but more games failed than --max-failures allows",
            "  75  temporarily unable (lock held, API or database down)",
            "  129/130/143  interrupted (SIGHUP/SIGINT/SIGTERM)"})
public final class RootCommand {

    private final Environment environment;

    @Option(names = "--env-file", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "Read settings from this file instead of ./.env.")
    private Path envFile;

    @Option(names = "--database-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Database to use (overrides DATABASE_URL), e.g. sqlite:///steam_games.db or "
                    + "postgresql://user:pass@host:5432/db.")
    private String databaseUrl;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log debug details and show stack traces of errors.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Log only warnings and errors.")
    private boolean quiet;

    public RootCommand(Environment environment) {
        this.environment = environment;
    }

    Path workingDirectory() {
        return environment.workingDirectory();
    }

    boolean verbose() {
        return verbose;
    }

    /**
     * Reads the settings once, with {@code options} (variable name to value, from the subcommand's
     * own flags) above the environment, the {@code .env} file and the defaults; then sets up logging.
     */
    Settings loadSettings(Map<String, String> options) {
        Map<String, String> flags = new HashMap<>(options);
        if (databaseUrl != null) {
            flags.put("DATABASE_URL", databaseUrl);
        }
        ConfigSources sources = ConfigSources.of(flags, environment.variables(), Optional.ofNullable(envFile),
                environment.workingDirectory());
        Settings settings = new SettingsLoader(sources, environment.workingDirectory()).load();
        // before anything can log: no level shows a secret
        Redaction.hide(settings.secrets());
        Logging.configure(verbose ? "DEBUG" : quiet ? "WARN" : settings.logLevel());
        return settings;
    }
}
