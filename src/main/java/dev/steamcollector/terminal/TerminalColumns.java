package dev.steamcollector.terminal;

import java.io.IOError;
import java.io.IOException;
import java.time.Duration;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The width of the terminal on stderr, as JLine reads it, so that the lines follow a resized window.
 *
 * <p>JLine is built with native signals left to us: built with its defaults it resets SIGINT to
 * the JVM's default action, and Ctrl-C would end the process on the spot, without the summary or
 * the record of the run.
 */
final class TerminalColumns implements Columns {

    /** Reading the width may run {@code stty}: not at every redraw. */
    private static final long KEPT_NANOS = Duration.ofSeconds(2).toNanos();
    private static final int NARROWEST = 10;

    private final Terminal terminal;
    private int width;
    private long readAt;

    private TerminalColumns(Terminal terminal) {
        this.terminal = terminal;
    }

    static Columns open() {
        try {
            return new TerminalColumns(TerminalBuilder.builder().system(true).nativeSignals(false).dumb(true).build());
        } catch (IOException | RuntimeException unavailable) {
            return Columns.fixed(DEFAULT);
        }
    }

    @Override
    public synchronized int get() {
        long now = System.nanoTime();
        if (width == 0 || now - readAt > KEPT_NANOS) {
            int columns = 0;
            try {
                columns = terminal.getWidth();
            } catch (IOError | RuntimeException unknown) {
                // the default will do
            }
            width = columns >= NARROWEST ? columns : DEFAULT;
            readAt = now;
        }
        return width;
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException ignored) {
            // the terminal's settings were never changed: nothing to restore
        }
    }
}
