package dev.steamcollector.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An endpoint's pace as a run left it, kept for the next run: the requests per second in force,
 * the configured limit then, the pace the endpoint last called too fast (if it did), when it was
 * last slowed, and when this was recorded. {@code endpoint} is the endpoint's label
 * ({@code steamspy}, {@code store}, ...).
 */
public record RememberedPace(String endpoint, double perSecond, double limitPerSecond,
        OptionalDouble tooFastPerSecond, Optional<Instant> slowedAt, Instant recordedAt) {

    /** Unused, a remembered pace climbs back toward the configured limit: the gap halves every week. */
    public static final Duration HALF_LIFE = Duration.ofDays(7);

    public RememberedPace {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tooFastPerSecond, "tooFastPerSecond");
        Objects.requireNonNull(slowedAt, "slowedAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (!(perSecond > 0) || !(limitPerSecond > 0)
                || tooFastPerSecond.isPresent() && !(tooFastPerSecond.getAsDouble() > 0)) {
            throw new IllegalArgumentException("a pace must be positive");
        }
    }

    /**
     * This pace as it stands at {@code now} under a configured limit of {@code limit} requests a
     * second: never above it, and closer to it the longer ago it was recorded. A pace that was at
     * the limit configured then is at the limit configured now, whatever that is.
     */
    public RememberedPace recoveredAt(Instant now, double limit) {
        double elapsed = Math.max(0, Duration.between(recordedAt, now).toMillis());
        double remaining = Math.pow(0.5, elapsed / HALF_LIFE.toMillis());
        double pace = perSecond >= limitPerSecond ? limit : recover(perSecond, limit, remaining);
        OptionalDouble tooFast = tooFastPerSecond.isEmpty() ? tooFastPerSecond
                : OptionalDouble.of(recover(tooFastPerSecond.getAsDouble(), limit, remaining));
        return new RememberedPace(endpoint, pace, limit, tooFast, slowedAt, now);
    }

    private static double recover(double pace, double limit, double remaining) {
        double capped = Math.min(pace, limit);
        return limit - (limit - capped) * remaining;
    }
}
