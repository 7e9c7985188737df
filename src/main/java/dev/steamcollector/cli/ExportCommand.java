package dev.steamcollector.cli;

import dev.steamcollector.config.ConfigException;
import dev.steamcollector.config.Settings;
import dev.steamcollector.export.AtomicFile;
import dev.steamcollector.export.ExportFormat;
import dev.steamcollector.export.RowWriter;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.persistence.ExportRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code export}: games with their metadata and Store details, streamed as CSV or JSON Lines to stdout or a file. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the games with their metadata and Store details as CSV or JSON Lines.",
            "Every column of games and game_metadata, and of store_details (prefixed store_), streamed row "
                + "by row to stdout or a file. CSV follows RFC 4180: header row, CRLF, UTF-8; null is an empty "
                + "field, an empty string \"\". JSON Lines has one object a line, *_json columns embedded as "
                + "JSON. Times are ISO-8601 UTC."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "csv", converter = FormatConverter.class,
            description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
    private ExportFormat format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write to FILE instead of stdout; it appears (or is replaced) only once the export is complete.")
    private Path output;

    @Option(names = "--active-only", description = "Only active games (those still in the app list).")
    private boolean activeOnly;

    @Override
    public Integer call() throws IOException {
        Settings settings = root.loadSettings(Map.of());
        try (AtomicFile file = output == null ? null : openOutput();
                Database database = Database.openForReading(settings.database())) {
            database.migrations().requireCurrent();
            long rows = export(database, file == null ? new StdoutWriter(spec.commandLine().getOut()) : file.writer());
            if (file != null) {
                file.commit();
            }
            log().info("Exported {} games as {}{}", rows, format.label(), output == null ? "" : " to " + output);
        } catch (StdoutWriter.ReaderGone e) {
            // 'export | head': the reader has what it wanted; stop quietly, as a filter does
            log().debug("Export stopped: {}", e.getMessage());
        }
        return ExitCodes.DONE;
    }

    /** The logger, fetched when used rather than held in a field: --help must not start the logging system. */
    private static Logger log() {
        return LoggerFactory.getLogger(ExportCommand.class);
    }

    private long export(Database database, Writer target) throws IOException {
        try (RowWriter writer = format.open(target, ExportRepository.COLUMNS)) {
            return database.exports().streamGames(activeOnly, writer::write);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private AtomicFile openOutput() {
        // relative to the working directory the program was started in, like DATABASE_URL
        output = root.workingDirectory().resolve(output);
        try {
            return AtomicFile.create(output);
        } catch (IOException e) {
            throw new ConfigException("--output", "cannot write " + output + ": " + reason(e));
        }
    }

    private String reason(IOException failure) {
        Path directory = output.toAbsolutePath().getParent();
        return switch (failure) {
            case NoSuchFileException missing -> directory != null && !Files.isDirectory(directory)
                    ? "no such directory " + directory : "files cannot be created in " + directory;
            case AccessDeniedException denied -> "permission denied";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> failure.getMessage();
        };
    }

    /** Reads {@code --format} in any case. */
    static final class FormatConverter implements ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            try {
                return ExportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
