package dev.steamcollector.metrics;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A node_exporter textfile, replaced whole by a rename so that a scrape never reads half of one. */
final class TextFile {

    private static final Logger log = LoggerFactory.getLogger(TextFile.class);

    private TextFile() {
    }

    /**
     * Replaces {@code file} with {@code text}, plus the lines of the metrics named in {@code keep}
     * that the old file held (a metric this process has no value for, e.g. the last success).
     */
    static void replace(Path file, String text, Set<String> keep) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        String content = text + kept(target, keep);
        // node_exporter reads only *.prom files: the temporary one, in the same directory (rename
        // is atomic only within a file system), is never scraped
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", readableByAll(directory));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Removes {@code combined}, the one file earlier versions wrote for every command, once the
     * command's own file {@code replacement} is written beside it: its unlabelled, stale figures
     * would otherwise stay on the dashboard. Only a file that holds this program's metrics is removed.
     */
    static void removeEarlierCombinedFile(Path combined, Path replacement) throws IOException {
        if (combined.equals(replacement) || !Files.isRegularFile(combined)) {
            return;
        }
        String text;
        try {
            text = Files.readString(combined, StandardCharsets.UTF_8);
        } catch (MalformedInputException notOurs) {
            return;
        }
        if (text.contains("# TYPE steam_pipeline_status gauge") && Files.deleteIfExists(combined)) {
            log.info("Removed {}, written by an earlier version for every command: each command now writes its own"
                    + " file, as {}", combined, replacement.getFileName());
        }
    }

    private static String kept(Path file, Set<String> names) throws IOException {
        if (names.isEmpty()) {
            return "";
        }
        List<String> old;
        try {
            old = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException | MalformedInputException e) {
            return "";
        }
        return old.stream()
                .filter(line -> names.contains(metricName(line)))
                .map(line -> line + "\n")
                .collect(Collectors.joining());
    }

    /** The metric a line is about: its sample name, or the name after {@code # HELP} / {@code # TYPE}. */
    private static String metricName(String line) {
        String rest = line.startsWith("# HELP ") || line.startsWith("# TYPE ") ? line.substring(7) : line;
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != ' ' && rest.charAt(end) != '{') {
            end++;
        }
        return rest.substring(0, end);
    }

    /** The textfile collector often runs as another user: the file must be readable by all, as 0644. */
    private static FileAttribute<?>[] readableByAll(Path directory) {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))};
    }
}
