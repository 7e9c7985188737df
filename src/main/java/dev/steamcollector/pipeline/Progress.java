package dev.steamcollector.pipeline;

import dev.steamcollector.terminal.StatusArea;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how a source's pass advances: a line with a bar, rate and ETA on a terminal (one line per
 * source running, see {@link StatusArea}), a log line about every 30 seconds elsewhere (cron),
 * with the same figures.
 */
public abstract sealed class Progress implements AutoCloseable {

    /** Picks the line at the bottom of the terminal when stderr is a terminal. */
    public static Progress create(String task, long total, boolean terminal, Clock clock) {
        return terminal ? new Bar(StatusArea.stderr().start(task, total, clock))
                : new LogLines(task, total, clock, Duration.ofSeconds(30));
    }

    /** One more game done. */
    public void step() {
        stepBy(1);
    }

    /** {@code games} more games done at once, as a source that asks about many games a request counts them. */
    public abstract void stepBy(long games);

    @Override
    public abstract void close();

    /** The pass's line among those of the sources running, on stderr. */
    static final class Bar extends Progress {
        private final StatusArea.Pass line;

        Bar(StatusArea.Pass line) {
            this.line = line;
        }

        @Override
        public void stepBy(long games) {
            line.advance(games);
        }

        @Override
        public void close() {
            line.end();
        }
    }

    /** A log line now and then. */
    static final class LogLines extends Progress {
        private static final Logger log = LoggerFactory.getLogger(Progress.class);
        private final String task;
        private final long total;
        private final Clock clock;
        private final Duration every;
        private final Instant started;
        private long done;
        private Instant lastLine;

        LogLines(String task, long total, Clock clock, Duration every) {
            this.task = task;
            this.total = total;
            this.clock = clock;
            this.every = every;
            this.started = clock.instant();
            this.lastLine = started;
        }

        @Override
        public synchronized void stepBy(long games) {
            done += games;
            Instant now = clock.instant();
            if (Duration.between(lastLine, now).compareTo(every) >= 0) {
                lastLine = now;
                log.info(line(now));
            }
        }

        String line(Instant now) {
            double minutes = Math.max(1e-9, Duration.between(started, now).toMillis() / 60_000.0);
            double perMinute = done / minutes;
            String eta = perMinute <= 0 ? "unknown"
                    : Duration.ofSeconds(Math.round((total - done) / perMinute * 60)).toString().substring(2).toLowerCase(Locale.ROOT);
            return String.format(Locale.ROOT, "%s: %,d/%,d games, %.0f/min, ETA %s", task, done, total, perMinute, eta);
        }

        @Override
        public synchronized void close() {
            if (done > 0) {
                log.info(line(clock.instant()));
            }
        }
    }
}
