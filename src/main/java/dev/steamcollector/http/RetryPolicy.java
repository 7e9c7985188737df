package dev.steamcollector.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How failed requests are retried, how long a throttled endpoint may rest at most, and after how
 * many failed requests in a row an endpoint counts as down. Backoff is exponential with jitter; a
 * server's {@code Retry-After} always wins when it asks for longer. Throttle and busy answers do
 * not use up a request's retries: it tries again after the pause, up to {@link #SIGNALLED_TRIES} times.
 */
public record RetryPolicy(
        int retries,
        Duration backoffBase,
        Duration backoffMax,
        Duration longestPause,
        int breakerFailures) {

    /** Tries of one request that may end in a throttle or busy answer before it fails. */
    public static final int SIGNALLED_TRIES = 10;

    public RetryPolicy {
        if (retries < 0 || breakerFailures < 1) {
            throw new IllegalArgumentException("retries must not be negative, breakerFailures must be positive");
        }
    }

    /** The defaults for {@code retries} retries a request. */
    public static RetryPolicy standard(int retries) {
        return configured(retries, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    /**
     * The configured first backoff and longest throttle pause, with the fixed ceilings: backoff at
     * most a minute, the circuit open after five failed requests in a row.
     */
    public static RetryPolicy configured(int retries, Duration backoffBase, Duration longestPause) {
        return new RetryPolicy(retries, backoffBase, Duration.ofMinutes(1), longestPause, 5);
    }

    /** The wait before retry number {@code retry} (1 for the first). */
    public Duration backoff(int retry, Optional<Duration> retryAfter, DoubleSupplier random) {
        double ceiling = Math.min(backoffMax.toMillis(), backoffBase.toMillis() * Math.pow(2, retry - 1));
        // half fixed, half random: spreads retries of parallel workers without ever waiting ~0
        Duration jittered = Duration.ofMillis(Math.round(ceiling / 2 + random.getAsDouble() * ceiling / 2));
        return retryAfter.filter(after -> after.compareTo(jittered) > 0).orElse(jittered);
    }
}
