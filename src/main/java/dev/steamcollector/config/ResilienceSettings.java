package dev.steamcollector.config;

import java.time.Duration;

/**
 * How failures are ridden out: the first retry's backoff (doubling after), the first pause of a
 * throttled endpoint (doubling while throttling goes on), and the largest share of active games a
 * complete app list may drop before deactivation is refused as suspicious.
 */
public record ResilienceSettings(Duration retryBackoff, Duration throttlePause, int maxListShrinkPercent) {
}
