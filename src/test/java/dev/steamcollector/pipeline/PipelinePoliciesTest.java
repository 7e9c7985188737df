package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steamcollector.http.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pipeline's small policies: failure backoff, the failure budget, progress lines. */
class PipelinePoliciesTest {

    static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");

    @Nested
    class FailureBackoffs {

        @ParameterizedTest
        @CsvSource({"1, PT15M", "2, PT1H", "3, PT4H", "4, PT16H", "5, PT24H"})
        void growsFourfoldUpToADay(int failures, Duration wait) {
            assertThat(new FailureBackoff(10).retryAt(failures, NOW)).isEqualTo(NOW.plus(wait));
        }

        @Test
        void waitsAWeekOnceTheRetryAttemptsAreUsedUp() {
            assertThat(new FailureBackoff(3).retryAt(4, NOW)).isEqualTo(NOW.plus(Duration.ofDays(7)));
            assertThat(new FailureBackoff(3).retryAt(3, NOW)).isEqualTo(NOW.plus(Duration.ofHours(4)));
        }
    }

    @Nested
    class MaxFailuresBudget {

        @Test
        void aShareIsOfTheGamesAttempted() {
            assertThat(MaxFailures.parse("10%").allowed(1_000)).isEqualTo(100);
            assertThat(MaxFailures.DEFAULT.allowed(55)).isEqualTo(5);
        }

        @Test
        void aCountIsACount() {
            assertThat(MaxFailures.parse("25").allowed(1_000_000)).isEqualTo(25);
            assertThat(MaxFailures.parse("0").allowed(10)).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "x", "-1", "101%", "ten%", "5.5"})
        void rejectsWhatIsNeitherACountNorAShare(String text) {
            assertThatThrownBy(() -> MaxFailures.parse(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a count (25) or a share (10%)");
        }
    }

    @Nested
    class ProgressLines {

        @Test
        void sayDoneTotalRateAndEta() {
            Progress.LogLines lines = new Progress.LogLines("Details", 600, Clock.fixed(NOW, ZoneOffset.UTC),
                    Duration.ofSeconds(30));
            for (int i = 0; i < 120; i++) {
                lines.step();
            }
            assertThat(lines.line(NOW.plus(Duration.ofMinutes(2)))).isEqualTo("Details: 120/600 games, 60/min, ETA 8m");
        }

        @Test
        void countAHundredGamesAtOnceForASourceThatAsksAboutAHundredARequest() {
            Progress.LogLines lines = new Progress.LogLines("Catalogue", 1_000, Clock.fixed(NOW, ZoneOffset.UTC),
                    Duration.ofSeconds(30));
            lines.stepBy(100);
            lines.stepBy(100);
            assertThat(lines.line(NOW.plus(Duration.ofSeconds(30)))).isEqualTo("Catalogue: 200/1,000 games, 400/min, ETA 2m");
        }
    }

    @Nested
    class StopSignals {

        @Test
        void theFirstReasonWinsAndOnlySignalsCountAsInterruptions() {
            StopSignal stop = new StopSignal();
            stop.request(StopSignal.Reason.DEADLINE);
            stop.request(StopSignal.Reason.ENDPOINT_DOWN);

            assertThat(stop.reason()).isEqualTo(StopSignal.Reason.DEADLINE);
            assertThat(stop.interrupted()).isFalse();
        }

        @Test
        void aSignalOverridesADeadlineSoCtrlCStillInterrupts() {
            StopSignal stop = new StopSignal();
            stop.request(StopSignal.Reason.DEADLINE);
            stop.request(StopSignal.Reason.SIGINT);
            stop.request(StopSignal.Reason.SIGTERM);

            assertThat(stop.reason()).isEqualTo(StopSignal.Reason.SIGINT);
            assertThat(stop.interrupted()).isTrue();
        }

        @Test
        void aHangUpInterruptsLikeTheOtherSignals() {
            StopSignal stop = new StopSignal();
            stop.request(StopSignal.Reason.ENDPOINT_DOWN);
            stop.request(StopSignal.Reason.SIGHUP);

            assertThat(stop.reason()).isEqualTo(StopSignal.Reason.SIGHUP);
            assertThat(stop.interrupted()).isTrue();
        }

        @Test
        void onlyTheFirstSignalIsTakenForTheFirstEvenAfterADeadline() {
            StopSignal stop = new StopSignal();
            stop.request(StopSignal.Reason.DEADLINE);

            assertThat(stop.firstSignal(StopSignal.Reason.SIGINT)).isTrue();
            assertThat(stop.firstSignal(StopSignal.Reason.SIGINT)).isFalse();
            assertThat(stop.firstSignal(StopSignal.Reason.SIGTERM)).isFalse();
            assertThat(stop.reason()).isEqualTo(StopSignal.Reason.SIGINT);
        }

        @Test
        void twoSignalsAtOnceAreOneFirstAndOneSecond() throws Exception {
            for (int round = 0; round < 200; round++) {
                StopSignal stop = new StopSignal();
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    Future<Boolean> first = threads.submit(() -> stop.firstSignal(StopSignal.Reason.SIGINT));
                    Future<Boolean> second = threads.submit(() -> stop.firstSignal(StopSignal.Reason.SIGINT));
                    assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(true, false);
                }
            }
        }

        @Test
        void aSignalCutsEveryPauseShort() {
            StopSignal stop = new StopSignal();
            Ticker pausing = stop.pausing();
            stop.request(StopSignal.Reason.SIGTERM);

            assertThatThrownBy(() -> pausing.sleep(Duration.ofHours(1).toNanos()))
                    .isInstanceOf(InterruptedException.class).hasMessageContaining("SIGTERM");
        }

        @Test
        void aDeadlineDoesNotCutAPauseShort() throws InterruptedException {
            StopSignal stop = new StopSignal();
            stop.request(StopSignal.Reason.DEADLINE);

            stop.pausing().sleep(0);

            assertThat(stop.interrupted()).isFalse();
        }
    }
}
