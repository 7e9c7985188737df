package dev.steamcollector.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How failed requests are retried and how long a throttled endpoint rests. Backoff is exponential
 * with full jitter; a server's {@code Retry-After} always wins when it asks for longer.
 */
public record RetryPolicy(
        int retries,
        Duration backoffBase,
        Duration backoffMax,
        Duration throttlePause,
        Duration throttlePauseMax,
        int breakerFailures) {

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
     * The configured first backoff and first throttle pause, with the fixed ceilings: backoff at
     * most a minute, a pause at most ten minutes, the circuit open after five failed requests in a row.
     */
    public static RetryPolicy configured(int retries, Duration backoffBase, Duration throttlePause) {
        return new RetryPolicy(retries, backoffBase, Duration.ofMinutes(1), throttlePause, Duration.ofMinutes(10), 5);
    }

    /** The wait before retry number {@code retry} (1 for the first). */
    public Duration backoff(int retry, Optional<Duration> retryAfter, DoubleSupplier random) {
        double ceiling = Math.min(backoffMax.toMillis(), backoffBase.toMillis() * Math.pow(2, retry - 1));
        // half fixed, half random: spreads retries of parallel workers without ever waiting ~0
        Duration jittered = Duration.ofMillis(Math.round(ceiling / 2 + random.getAsDouble() * ceiling / 2));
        return retryAfter.filter(after -> after.compareTo(jittered) > 0).orElse(jittered);
    }

    /** How long the endpoint rests after its {@code consecutive}-th throttle signal in a row. */
    public Duration pauseAfterThrottle(int consecutive, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long millis = throttlePause.toMillis() * (1L << Math.min(20, Math.max(0, consecutive - 1)));
        return Duration.ofMillis(Math.min(millis, throttlePauseMax.toMillis()));
    }
}
