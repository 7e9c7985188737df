package dev.steamcollector.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level of the program's own loggers; libraries stay at WARN unless debugging. */
final class Logging {

    private Logging() {
    }

    static void configure(String level) {
        Level parsed = Level.toLevel(level, Level.INFO);
        ((Logger) LoggerFactory.getLogger("dev.steamcollector")).setLevel(parsed);
        Level libraries = parsed.isGreaterOrEqual(Level.INFO) ? Level.WARN : parsed;
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(libraries);
    }
}
