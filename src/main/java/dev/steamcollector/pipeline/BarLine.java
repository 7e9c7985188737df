package dev.steamcollector.pipeline;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The line of the terminal a progress bar is drawn on: redrawn in place, as wide as the terminal.
 *
 * <p>The width comes from a JLine terminal built with native signals left to us. Built with the
 * defaults, as the progress bar library builds its own, JLine resets SIGINT to the JVM's default
 * action, and Ctrl-C ends the process on the spot, without the summary or the record of the run.
 */
final class BarLine extends ConsoleProgressBarConsumer {

    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final int DEFAULT_WIDTH = 80;
    /** Reading the width runs {@code stty}: not at every redraw. */
    private static final long WIDTH_KEPT_NANOS = Duration.ofSeconds(2).toNanos();

    private final Terminal terminal;
    private int width;
    private long widthReadAt;

    private BarLine(PrintStream out, Terminal terminal) {
        super(out);
        this.terminal = terminal;
    }

    static BarLine open(PrintStream out) {
        OPEN.incrementAndGet();
        return new BarLine(out, openTerminal());
    }

    /** Whether a bar line is open. */
    static boolean showing() {
        return OPEN.get() > 0;
    }

    @Override
    public int getMaxRenderedLength() {
        // one column spare: a line exactly as wide as the terminal wraps on some of them
        return width() - 1;
    }

    private synchronized int width() {
        long now = System.nanoTime();
        if (width == 0 || now - widthReadAt > WIDTH_KEPT_NANOS) {
            int columns = 0;
            try {
                columns = terminal == null ? 0 : terminal.getWidth();
            } catch (IOError | RuntimeException unknown) {
                // the default width will do
            }
            width = columns >= 10 ? columns : DEFAULT_WIDTH;
            widthReadAt = now;
        }
        return width;
    }

    /** Called once the bar is closed and its last line written. */
    void release() {
        OPEN.decrementAndGet();
        if (terminal != null) {
            try {
                terminal.close();
            } catch (IOException ignored) {
                // the terminal's settings were never changed: nothing to restore
            }
        }
    }

    private static Terminal openTerminal() {
        try {
            return TerminalBuilder.builder().system(true).nativeSignals(false).dumb(true).build();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
