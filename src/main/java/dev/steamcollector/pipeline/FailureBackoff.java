package dev.steamcollector.pipeline;

import java.time.Duration;
import java.time.Instant;

/**
 * When a game whose details fetch failed is tried again: 15 minutes after the first failure,
 * four times longer after each further one, at most a day; once it has failed more than
 * {@code RETRY_ATTEMPTS} times in a row, once a week. {@code collect --retry-failed} ignores the wait.
 */
public record FailureBackoff(int retryAttempts) {

    static final Duration FIRST = Duration.ofMinutes(15);
    static final Duration CEILING = Duration.ofDays(1);
    static final Duration GIVEN_UP = Duration.ofDays(7);

    /** {@code failures}: consecutive failures including the one just seen. */
    public Instant retryAt(int failures, Instant now) {
        if (failures > retryAttempts) {
            return now.plus(GIVEN_UP);
        }
        long factor = 1L << (2 * Math.min(10, Math.max(0, failures - 1)));
        Duration wait = FIRST.multipliedBy(factor);
        return now.plus(wait.compareTo(CEILING) > 0 ? CEILING : wait);
    }
}
