package dev.steamcollector.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.steamcollector.pipeline.Progress;

/**
 * Starts a log line on a clean line while a progress bar shows: the bar's line is cleared first,
 * so the message is not glued to the bar, and the bar is redrawn below it at its next update.
 * Used as {@code %lineStart} in {@code logback.xml}.
 */
public final class LineStartConverter extends ClassicConverter {

    /** Carriage return, then erase to the end of the line. */
    static final String CLEAR_LINE = "\r\u001b[K";

    @Override
    public String convert(ILoggingEvent event) {
        return Progress.barShowing() ? CLEAR_LINE : "";
    }
}
