package dev.steamcollector.persistence;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rides out a lost database connection (a restarting server, a failover): the work is tried again,
 * with growing pauses, for up to {@code window}; the transaction of a lost connection never
 * committed, so trying it again loses and doubles nothing. Past the window the run gives up with
 * one line naming the database, and later work gets one try each, so that the run can end quickly.
 */
final class Reconnection {

    private static final Logger log = LoggerFactory.getLogger(Reconnection.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final DatabaseFailures failures;
    private final String description;
    private final Duration window;
    private boolean gaveUp;

    Reconnection(DatabaseFailures failures, String description, Duration window) {
        this.failures = failures;
        this.description = description;
        this.window = window;
    }

    /** Runs {@code work}, trying it again while the connection is lost, at most for the window. */
    <T> T call(Callable<T> work) throws Exception {
        long deadline = 0;
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                T result = work.call();
                if (deadline != 0 || gaveUp) {
                    log.warn("The database {} is back: carrying on", description);
                }
                gaveUp = false;
                return result;
            } catch (Exception e) {
                if (!DatabaseFailures.isConnectionLoss(e)) {
                    throw e;
                }
                long now = System.nanoTime();
                if (deadline == 0 && !gaveUp) {
                    deadline = now + window.toNanos();
                    log.warn("Lost the connection to the database {}: trying again for up to {}", description, shown());
                    log.debug("The connection was lost", e);
                }
                if (gaveUp || now - deadline >= 0) {
                    gaveUp = true;
                    throw failures.lost(shown(), e);
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(pause.toNanos(), deadline - now));
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private String shown() {
        return window.toSeconds() > 0 ? window.toSeconds() + "s" : window.toMillis() + "ms";
    }
}
