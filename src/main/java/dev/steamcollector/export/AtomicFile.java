package dev.steamcollector.export;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A UTF-8 text file written under a temporary name beside its target and moved into place by
 * {@link #commit()}: a failed or interrupted export never leaves a partial file, nor replaces a
 * good one. Closing without committing deletes the temporary file.
 */
public final class AtomicFile implements Closeable {

    private static final int BUFFER_CHARS = 1 << 16;

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final Writer writer;
    private boolean done;

    private AtomicFile(Path target, Path temporary, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8), BUFFER_CHARS);
    }

    /** Creates the temporary file; fails at once when {@code target}'s directory cannot be written. */
    public static AtomicFile create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new IOException(absolute + " is a directory");
        }
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // a Ctrl-C or SIGTERM ends the JVM through its shutdown hooks, and this one cleans up
        temporary.toFile().deleteOnExit();
        return new AtomicFile(absolute, temporary, channel);
    }

    public Writer writer() {
        return writer;
    }

    /** Flushes, syncs to disk and moves the file into place, replacing any file of that name. */
    public void commit() throws IOException {
        writer.flush();
        channel.force(true);
        writer.close();
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
