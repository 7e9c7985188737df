package dev.steamcollector.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code prices} run does: the countries, games per Store request, whether to ask about
 * every active game ({@code --all}) instead of the changed ones, and the sweep period within
 * which every game is asked about at least once even when its change number never moves.
 */
public record PriceOptions(List<String> countries, int perRequest, boolean all, Duration sweepPeriod) {

    public PriceOptions {
        countries = List.copyOf(countries);
        if (perRequest < 1 || sweepPeriod.isNegative() || sweepPeriod.isZero()) {
            throw new IllegalArgumentException("games per request and the sweep period must be positive");
        }
    }
}
