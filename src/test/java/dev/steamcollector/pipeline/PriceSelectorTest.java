package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.model.PriceCandidate;
import dev.steamcollector.model.PriceCandidate.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How much of the catalogue a {@code prices} run sweeps, and how it says what it asked about. */
class PriceSelectorTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @ParameterizedTest(name = "{0} games, {1} min since the last check: {2}")
    @CsvSource({
        // an hourly run over 100,000 games takes 1/168 of them: 6 requests of 100
        "100000, 60, 596",
        "180000, 60, 1072",
        // a daily run, a weekly one, and one after a month away: never more than every game
        "100000, 1440, 14286",
        "100000, 10080, 100000",
        "100000, 43200, 100000",
        // a rerun at once sweeps almost nothing, but never nothing at all once time has passed
        "100000, 0, 0",
        "3, 1, 1",
        "0, 60, 0"})
    void sweepsTheActiveGamesShareOfTheTimeSinceTheLastCheck(long active, long minutes, int share) {
        assertThat(PriceSelector.sweepShare(active, Optional.of(Duration.ofMinutes(minutes)), WEEK)).isEqualTo(share);
    }

    @Test
    void sweepsNothingInACountryNeverCheckedForEveryGameThereIsNew() {
        assertThat(PriceSelector.sweepShare(100_000, Optional.empty(), WEEK)).isZero();
    }

    @Test
    void aClockThatWentBackSweepsNothingExtra() {
        assertThat(PriceSelector.sweepShare(100_000, Optional.of(Duration.ofMinutes(-5)), WEEK)).isZero();
    }

    @Test
    void theSummaryLineCountsEachReason() {
        PriceSelection selection = new PriceSelection("us", List.of(candidate(Reason.MOVED), candidate(Reason.MOVED),
                candidate(Reason.NEW), candidate(Reason.SWEEP)), null);

        assertThat(selection.describe()).isEqualTo("Store us:  4 games asked about: 2 moved, 1 new, 1 sweep");
    }

    @Test
    void theSummaryLineSaysWhyEveryGameWasAskedAbout() {
        PriceSelection selection = new PriceSelection("de", java.util.Collections.nCopies(1_200,
                candidate(Reason.ALL)), "no STEAM_API_KEY");

        assertThat(selection.describe())
                .isEqualTo("Store de:  1,200 games asked about: every active game (no STEAM_API_KEY)");
    }

    private static PriceCandidate candidate(Reason reason) {
        return new PriceCandidate(10, 5L, reason);
    }
}
