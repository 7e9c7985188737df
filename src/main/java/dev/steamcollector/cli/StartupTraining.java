package dev.steamcollector.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The training run of the start-up cache that {@code scripts/steam-collector} makes on Java 24 and
 * newer ({@code -XX:AOTMode=record}): the quick commands people start by hand, run against a
 * throwaway database, so that the classes they load are cached, parsed and linked, for every later
 * start. Only what those commands load: every class in the cache is loaded at each start, so
 * Hibernate and Flyway, which {@code collect} starts once for a long run, would slow {@code --help}.
 *
 * <p>{@code prepare DIR} migrates {@code DIR/training.db} (run before recording, as it starts
 * Flyway); {@code run DIR} runs the commands.
 */
public final class StartupTraining {

    private static final List<List<String>> COMMANDS = List.of(
            List.of("--help"), List.of("--version"), List.of("collect", "--help"), List.of("status", "--help"),
            List.of("status"), List.of("status", "--json"), List.of("export"), List.of("export", "--format", "jsonl"),
            List.of("completion", "bash"));

    private StartupTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !List.of("prepare", "run").contains(args[0])) {
            System.err.println("usage: StartupTraining prepare|run DIRECTORY");
            System.exit(ExitCodes.USAGE);
        }
        Environment environment = new Environment(Map.of("DATABASE_URL", "sqlite:///training.db", "LOG_LEVEL", "WARN"),
                Path.of(args[1]).toAbsolutePath());
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int failed = 0;
        for (List<String> command : args[0].equals("prepare") ? List.of(List.of("migrate")) : COMMANDS) {
            failed += Main.run(environment, discard, discard, command.toArray(String[]::new)) == 0 ? 0 : 1;
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
