package dev.steamcollector.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/** The logback conversion {@code %redacted(...)}: what it wraps (message, stack trace), with secrets hidden. */
public final class RedactingConverter extends CompositeConverter<ILoggingEvent> {

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return Redaction.apply(in);
    }
}
