package dev.steamcollector.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how the details pass advances: a bar with rate and ETA on a terminal, a log line about
 * every 30 seconds elsewhere (cron), with the same figures.
 */
public abstract sealed class Progress implements AutoCloseable {

    /** Picks the bar when stderr is a terminal. */
    public static Progress create(String task, long total, boolean terminal, Clock clock) {
        return terminal ? new Bar(task, total) : new LogLines(task, total, clock, Duration.ofSeconds(30));
    }

    /** Whether a bar is on screen, so that a log line first clears the bar's line. */
    public static boolean barShowing() {
        return BarLine.showing();
    }

    public abstract void step();

    @Override
    public abstract void close();

    /** A progress bar on stderr, drawn on its own line of the terminal. */
    static final class Bar extends Progress {
        private final BarLine line;
        private final ProgressBar bar;

        Bar(String task, long total) {
            // the bar's own line, not the library's default console: that one opens a JLine terminal
            // which resets SIGINT to the default action, and Ctrl-C would kill the run on the spot
            this.line = BarLine.open(System.err);
            this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setSpeedUnit(ChronoUnit.MINUTES)
                    .setUnit(" games", 1).setConsumer(line).build();
        }

        @Override
        public void step() {
            bar.step();
        }

        @Override
        public void close() {
            bar.close();
            line.release();
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
        public synchronized void step() {
            done++;
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
