package dev.steamcollector.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RememberedPaceTest {

    private static final Instant RECORDED = Instant.parse("2026-01-12T03:20:00Z");

    private static RememberedPace slowed(double perSecond, OptionalDouble tooFast) {
        return new RememberedPace("steamspy", perSecond, 1.0, tooFast, Optional.of(RECORDED), RECORDED);
    }

    @Test
    void aSlowedPaceClimbsBackTowardTheLimitHalfTheGapAWeek() {
        RememberedPace pace = slowed(0.5, OptionalDouble.of(0.6));

        assertThat(pace.recoveredAt(RECORDED, 1.0).perSecond()).isEqualTo(0.5);
        assertThat(pace.recoveredAt(RECORDED.plus(Duration.ofDays(1)), 1.0).perSecond())
                .isCloseTo(1 - 0.5 * Math.pow(0.5, 1 / 7.0), within(1e-12));
        RememberedPace aWeekOn = pace.recoveredAt(RECORDED.plus(RememberedPace.HALF_LIFE), 1.0);
        assertThat(aWeekOn.perSecond()).isCloseTo(0.75, within(1e-12));
        assertThat(aWeekOn.tooFastPerSecond().getAsDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(aWeekOn.slowedAt()).contains(RECORDED);
        assertThat(pace.recoveredAt(RECORDED.plus(Duration.ofDays(365)), 1.0).perSecond()).isCloseTo(1.0,
                within(1e-9));
    }

    @Test
    void neverAboveTheLimitConfiguredNow() {
        RememberedPace pace = slowed(0.8, OptionalDouble.empty());

        assertThat(pace.recoveredAt(RECORDED, 0.5).perSecond()).isEqualTo(0.5);
        assertThat(pace.recoveredAt(RECORDED, 0.5).limitPerSecond()).isEqualTo(0.5);
    }

    @Test
    void aPaceAtTheLimitConfiguredThenIsAtTheLimitConfiguredNow() {
        RememberedPace atLimit = new RememberedPace("store", 1.0, 1.0, OptionalDouble.empty(), Optional.empty(),
                RECORDED);

        assertThat(atLimit.recoveredAt(RECORDED, 2.0).perSecond()).isEqualTo(2.0);
        assertThat(atLimit.recoveredAt(RECORDED, 0.5).perSecond()).isEqualTo(0.5);
    }

    @Test
    void rejectsAPaceThatIsNotPositive() {
        assertThatThrownBy(() -> slowed(0, OptionalDouble.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> slowed(0.5, OptionalDouble.of(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
