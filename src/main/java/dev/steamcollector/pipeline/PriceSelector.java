package dev.steamcollector.pipeline;

import dev.steamcollector.model.PriceCandidate;
import dev.steamcollector.persistence.PriceCheckRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the games whose Store price {@code prices} asks for in a country: those whose
 * {@code price_change_number} moved since their last Store price there, those never priced there,
 * and a sweep of the rest, checked longest ago first, sized so that every game comes round once
 * a sweep period (a run an hour after the last takes 1/168 of the games for a week), and taking
 * every game not checked for a whole period whatever its share.
 */
final class PriceSelector {

    private final PriceCheckRepository checks;
    private final Clock clock;
    private final Duration sweepPeriod;

    PriceSelector(PriceCheckRepository checks, Clock clock, Duration sweepPeriod) {
        this.checks = checks;
        this.clock = clock;
        this.sweepPeriod = sweepPeriod;
    }

    /** The changed, new and swept games of {@code country}, in that order. */
    PriceSelection selectChanged(String country) {
        Instant now = clock.instant();
        List<PriceCandidate> games = new ArrayList<>(checks.findMovedOrNew(country));
        // moved games first: their prices are the news
        games.sort(Comparator.comparing(PriceCandidate::reason));
        int share = sweepShare(checks.countActive(), checks.findLastCheck(country).map(
                last -> Duration.between(last, now)), sweepPeriod);
        games.addAll(checks.findSweep(country, now.minus(sweepPeriod), share));
        return new PriceSelection(country, games, null);
    }

    /** Every active game of {@code country}, with the reason given in the summary. */
    PriceSelection selectAll(String country, String because) {
        return new PriceSelection(country, checks.findAllActive(), because);
    }

    /**
     * The games a run sweeps at least: the active games' share of the time since the last check
     * in the country, out of the period; none before any game was checked there (all are new).
     */
    static int sweepShare(long activeGames, Optional<Duration> sinceLastCheck, Duration period) {
        if (sinceLastCheck.isEmpty()) {
            return 0;
        }
        double elapsed = Math.clamp(sinceLastCheck.get().toMillis(), 0, period.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(activeGames * elapsed / period.toMillis()));
    }
}
