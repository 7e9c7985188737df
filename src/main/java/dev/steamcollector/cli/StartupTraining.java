package dev.steamcollector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.sqlite.util.OSInfo;

/**
 * The training run of the start-up cache that {@code scripts/steam-collector} makes on Java 24 and
 * newer ({@code -XX:AOTMode=record}): the quick commands people start by hand, run against a
 * throwaway database, so that the classes they load are cached, parsed and linked, for every later
 * start. Only what those commands load: every class in the cache is loaded at each start, so
 * Hibernate and Flyway, which {@code collect} starts once for a long run, would slow {@code --help}.
 *
 * <p>{@code prepare DIR} migrates {@code DIR/training.db} (run before recording, as it starts
 * Flyway); {@code run DIR} runs the commands; {@code native DIR} puts SQLite's native library for
 * this system in {@code DIR}, where the launcher then points the driver, which otherwise works out
 * the system (starting {@code uname}) and unpacks the library at every start.
 */
public final class StartupTraining {

    private static final List<List<String>> COMMANDS = List.of(
            List.of("--help"), List.of("--version"), List.of("collect", "--help"), List.of("status", "--help"),
            List.of("status"), List.of("status", "--json"), List.of("export"), List.of("export", "--format", "jsonl"),
            List.of("completion", "bash"));

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !List.of("prepare", "run", "native").contains(args[0])) {
            System.err.println("usage: StartupTraining prepare|run|native DIRECTORY");
            System.exit(ExitCodes.USAGE);
        }
        if (args[0].equals("native")) {
            System.exit(copySqliteLibrary(Path.of(args[1])) ? 0 : 1);
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

    private static boolean copySqliteLibrary(Path directory) throws IOException {
        String file = System.mapLibraryName("sqlitejdbc");
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + file;
        try (InputStream library = StartupTraining.class.getResourceAsStream(resource)) {
            if (library == null) {
                return false;
            }
            Files.createDirectories(directory);
            Files.copy(library, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }
}
