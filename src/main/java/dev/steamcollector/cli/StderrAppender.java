package dev.steamcollector.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.steamcollector.terminal.StatusArea;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes log lines to stderr through its {@link StatusArea}: while progress lines show, a log line
 * is printed above them and they are redrawn below it; otherwise it goes straight to stderr (the
 * stderr of the moment, as logback's console appender does, so that a test may replace it).
 */
public final class StderrAppender extends OutputStreamAppender<ILoggingEvent> {

    @Override
    public void start() {
        setOutputStream(new AboveProgress(StatusArea.stderr()));
        super.start();
    }

    /** Hands each event's bytes, which logback writes at once, to the area. */
    private static final class AboveProgress extends OutputStream {
        private final StatusArea area;

        AboveProgress(StatusArea area) {
            this.area = area;
        }

        @Override
        public void write(int b) {
            area.printAbove(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            area.printAbove(Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }
}
