package dev.steamcollector.config;

import java.time.Duration;

/**
 * How failures are ridden out: the first retry's backoff (doubling after), the longest pause of a
 * throttled endpoint (its pauses double while throttling goes on with no clean answer, up to this),
 * and the largest share of active games a complete app list may drop before deactivation is refused
 * as suspicious.
 */
public record ResilienceSettings(Duration retryBackoff, Duration throttlePause, int maxListShrinkPercent) {
}
