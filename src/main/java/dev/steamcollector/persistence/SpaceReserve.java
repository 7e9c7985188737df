package dev.steamcollector.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of {@value #SIZE} bytes beside a SQLite database ({@code steam_games.db-reserve}), kept so
 * that a run that fills the disk can still record how it ended and release its lock: on a full disk
 * the file is given up, and its room takes those last writes. A run starts only when the reserve
 * is there (or can be made), so every run that starts can end cleanly.
 */
final class SpaceReserve {

    static final int SIZE = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SpaceReserve.class);

    private final Path file;
    private volatile boolean held;

    private SpaceReserve(Path file) {
        this.file = file;
    }

    /** The reserve of the SQLite file of {@code jdbcUrl}, when it names a plain file. */
    static Optional<SpaceReserve> of(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(new SpaceReserve(Path.of(path + "-reserve")));
    }

    /** Makes sure the reserve is on disk; false when it is not and cannot be made (a full disk). */
    boolean hold() {
        if (held) {
            return true;
        }
        try {
            if (!Files.exists(file) || Files.size(file) < SIZE) {
                write();
            }
            held = true;
        } catch (IOException e) {
            log.debug("No room for the reserve {}: {}", file, e.getMessage());
            deleteQuietly();
        }
        return held;
    }

    /** Gives the reserve's room to the database; true when there was a reserve to give. */
    boolean release() {
        boolean had = held || Files.exists(file);
        held = false;
        deleteQuietly();
        if (had) {
            log.debug("Gave up the reserve {} to the database", file);
        }
        return had;
    }

    private void write() throws IOException {
        // real blocks, not a sparse file: the room must exist
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < SIZE; written += block.length) {
                out.write(block);
            }
            out.flush();
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
