package dev.steamcollector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.steamcollector.config.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PaceControllerTest {

    private static final RateLimit HUNDRED_A_SECOND = RateLimit.parse("TEST_LIMIT", "100/second");
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final FakeTicker ticker = new FakeTicker();
    private final PaceController pace = new PaceController(HUNDRED_A_SECOND, LONGEST_PAUSE, ticker);

    /** A request that leaves now; its answer comes 100 ms later. */
    private long sendAndAwaitAnswer() {
        long sentAt = ticker.nanoTime();
        ticker.advance(Duration.ofMillis(100));
        return sentAt;
    }

    private void cleanAnswers(int count) {
        for (int i = 0; i < count; i++) {
            pace.clean(sendAndAwaitAnswer());
        }
    }

    @Test
    void startsAtTheConfiguredLimit() {
        assertThat(pace.perSecond()).isEqualTo(100.0);
        assertThat(pace.intervalNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
    }

    @Nested
    class WhenTheEndpointSaysTooFast {

        @Test
        void thePaceIsCutAndTheEndpointPausesUntilTheRequestsUnderWayCameBack() {
            PaceController.Reaction reaction = pace.tooFast(sendAndAwaitAnswer(), Optional.empty());

            assertThat(reaction.cut()).isTrue();
            assertThat(pace.perSecond()).isCloseTo(100 * PaceController.CUT, within(1e-9));
            // answers take 100 ms: longer than an interval at 70 a second
            assertThat(reaction.pause()).isEqualTo(Duration.ofMillis(100));
        }

        @Test
        void atAPaceSlowerThanTheRoundTripTheEndpointPausesForAnIntervalAtTheNewPace() {
            PaceController slow = new PaceController(RateLimit.parse("TEST_LIMIT", "1/second"), LONGEST_PAUSE,
                    ticker);

            PaceController.Reaction reaction = slow.tooFast(sendAndAwaitAnswer(), Optional.empty());

            assertThat(reaction.pause()).isEqualTo(Duration.ofNanos(Math.round(1e9 / 0.7)));
        }

        @Test
        void answersToRequestsSentBeforeTheSignalDoNotCutAgain() {
            long first = sendAndAwaitAnswer();
            long second = first + 1;
            pace.tooFast(first, Optional.empty());

            PaceController.Reaction stale = pace.tooFast(second, Optional.empty());

            assertThat(stale).isEqualTo(PaceController.Reaction.NONE);
            assertThat(pace.perSecond()).isCloseTo(70, within(1e-9));
        }

        @Test
        void aStaleSignalStillHonoursTheServersRetryAfter() {
            long sentAt = sendAndAwaitAnswer();
            pace.tooFast(sentAt, Optional.empty());

            PaceController.Reaction stale = pace.tooFast(sentAt, Optional.of(Duration.ofSeconds(5)));

            assertThat(stale).isEqualTo(new PaceController.Reaction(Duration.ofSeconds(5), false));
        }

        @Test
        void signalsWithNoCleanAnswerBetweenThemDoubleThePauseInsteadOfCuttingAgain() {
            Duration first = pace.tooFast(sendAndAwaitAnswer(), Optional.empty()).pause();
            PaceController.Reaction second = pace.tooFast(sendAndAwaitAnswer(), Optional.empty());
            PaceController.Reaction third = pace.tooFast(sendAndAwaitAnswer(), Optional.empty());

            assertThat(second.cut()).isFalse();
            assertThat(third.cut()).isFalse();
            assertThat(second.pause()).isEqualTo(first.multipliedBy(2));
            assertThat(third.pause()).isEqualTo(first.multipliedBy(4));
            assertThat(pace.perSecond()).isCloseTo(70, within(1e-9));
        }

        @Test
        void theDoublingPauseStopsAtTheLongestPause() {
            Duration pause = Duration.ZERO;
            for (int i = 0; i < 40; i++) {
                pause = pace.tooFast(sendAndAwaitAnswer(), Optional.empty()).pause();
            }
            assertThat(pause).isEqualTo(LONGEST_PAUSE);
        }

        @Test
        void retryAfterSetsThePause() {
            PaceController.Reaction reaction = pace.tooFast(sendAndAwaitAnswer(), Optional.of(Duration.ofSeconds(16)));

            assertThat(reaction).isEqualTo(new PaceController.Reaction(Duration.ofSeconds(16), true));
        }

        @Test
        void aCleanAnswerBetweenSignalsMakesTheNextOneCutAgain() {
            pace.tooFast(sendAndAwaitAnswer(), Optional.empty());
            pace.clean(sendAndAwaitAnswer());

            PaceController.Reaction reaction = pace.tooFast(sendAndAwaitAnswer(), Optional.empty());

            assertThat(reaction.cut()).isTrue();
            assertThat(pace.perSecond()).isLessThan(70 * 0.71);
        }

        @Test
        void thePaceNeverFallsBelowTheFloor() {
            for (int i = 0; i < 100; i++) {
                pace.tooFast(sendAndAwaitAnswer(), Optional.empty());
                pace.clean(sendAndAwaitAnswer());
            }
            assertThat(pace.perSecond()).isGreaterThanOrEqualTo(100 * PaceController.FLOOR);
        }
    }

    @Nested
    class WhileAnswersAreClean {

        @Test
        void thePaceClimbsBackToTheConfiguredLimitAndNeverAbove() {
            pace.tooFast(sendAndAwaitAnswer(), Optional.empty());
            double highest = 0;
            for (int i = 0; i < 5_000; i++) {
                pace.clean(sendAndAwaitAnswer());
                highest = Math.max(highest, pace.perSecond());
            }
            assertThat(pace.perSecond()).isEqualTo(100.0);
            assertThat(highest).isEqualTo(100.0);
            assertThat(pace.intervalNanos()).isEqualTo(HUNDRED_A_SECOND.interval().toNanos());
        }

        @Test
        void climbsQuicklyToJustBelowThePaceThatDrewTheSignalProbesPastItSlowlyThenQuicklyAgain() {
            PaceController wide = new PaceController(RateLimit.parse("TEST_LIMIT", "1000/second"), LONGEST_PAUSE,
                    ticker);
            wide.resume(70, OptionalDouble.of(100));

            int toSettle = answersUntil(wide, PaceController.SETTLE * 100);
            int toProbe = answersUntil(wide, PaceController.FORGET * 100 + 1e-6);
            int toLimit = answersUntil(wide, 1000);

            // 0.5% more per answer up to 95; a tenth of a request a second more per answer from 95 to 101;
            // then 0.5% again up to 110, and 1.5% from there to the limit (the old limit has moved)
            assertThat(toSettle).isEqualTo(62);
            assertThat(toProbe).isBetween(55, 62);
            assertThat(toLimit).isBetween(160, 170);
            assertThat(wide.perSecond()).isEqualTo(1000.0);
        }

        private int answersUntil(PaceController controller, double perSecond) {
            int answers = 0;
            while (controller.perSecond() < perSecond && answers < 100_000) {
                controller.clean(sendAndAwaitAnswer());
                answers++;
            }
            return answers;
        }
    }
    @Nested
    class WhenTheEndpointIsBusy {

        /**
         * A request left at the pace in force and its answer comes 100 ms later: answers come at the
         * pace, as the server sees the requests.
         */
        private long answerAtPace(PaceController controller) {
            ticker.advance(Duration.ofNanos(controller.intervalNanos()));
            return ticker.nanoTime() - Duration.ofMillis(100).toNanos();
        }

        /** {@code answers} answers at the pace, each busy with chance {@code share}; the pace after each. */
        private double[] answersBusyAtRandom(PaceController controller, int answers, double share, long seed) {
            Random random = new Random(seed);
            double[] paces = new double[answers];
            for (int i = 0; i < answers; i++) {
                long sentAt = answerAtPace(controller);
                if (random.nextDouble() < share) {
                    controller.busy(sentAt);
                } else {
                    controller.clean(sentAt);
                }
                paces[i] = controller.perSecond();
            }
            return paces;
        }

        @Test
        void aBusyAnswerAloneLeavesThePaceAndThePauseAlone() {
            assertThat(pace.busy(sendAndAwaitAnswer())).isEqualTo(PaceController.Reaction.NONE);
            cleanAnswers(20);
            assertThat(pace.busy(sendAndAwaitAnswer())).isEqualTo(PaceController.Reaction.NONE);
            assertThat(pace.perSecond()).isEqualTo(100.0);
        }

        @Test
        void aRunOfBusyAnswersSlowsTheEndpoint() {
            PaceController.Reaction reaction = PaceController.Reaction.NONE;
            for (int i = 0; i < 10 && !reaction.cut(); i++) {
                reaction = pace.busy(sendAndAwaitAnswer());
            }
            assertThat(reaction.cut()).isTrue();
            assertThat(reaction.pause()).isPositive();
            // nothing got through lately: the pace drops below what a "too fast" answer costs
            assertThat(pace.perSecond()).isLessThan(70);
        }

        @Test
        void afterABusySignalThePaceDropsJustBelowWhatTheServerAcceptedInItsWindow() {
            // at 100 a second against a server accepting 75 in any second and answering busy past them
            PaceSimulation run = new PaceSimulation(HUNDRED_A_SECOND, at -> 75, 0, 4, true);
            for (int tenths = 1; run.pace().snapshot(Instant.EPOCH).slowdowns() == 0 && tenths < 100; tenths++) {
                run.runUntil(Duration.ofMillis(100L * tenths));
            }
            PaceController.Snapshot snapshot = run.pace().snapshot(Instant.EPOCH);
            assertThat(snapshot.slowdowns()).isEqualTo(1);
            assertThat(snapshot.tooFastPerSecond().orElseThrow()).isBetween(70.0, 75.0);
            assertThat(snapshot.perSecond()).isCloseTo(snapshot.tooFastPerSecond().orElseThrow()
                    * PaceController.BELOW_ACCEPTED, within(1e-9));
        }

        @Test
        void answersStillUnderWayAtABusySignalRaiseTheLimitItFoundToAllTheWindowHeld() {
            // 60 requests accepted in the second before a run of busy answers, 20 of them still under way then
            long[] underWay = new long[20];
            for (int i = 0; i < 60; i++) {
                long sentAt = ticker.nanoTime();
                ticker.advance(Duration.ofMillis(10));
                if (i < 40) {
                    pace.clean(sentAt);
                } else {
                    underWay[i - 40] = sentAt;
                }
            }
            long[] refused = new long[PaceController.RUN];
            for (int i = 0; i < refused.length; i++) {
                refused[i] = ticker.nanoTime();
                ticker.advance(Duration.ofMillis(10));
            }
            ticker.advance(Duration.ofMillis(100));
            for (long sentAt : refused) {
                pace.busy(sentAt);
            }
            assertThat(pace.snapshot(Instant.EPOCH).tooFastPerSecond()).hasValue(40.0);

            for (long sentAt : underWay) {
                pace.clean(sentAt);
            }

            assertThat(pace.snapshot(Instant.EPOCH).tooFastPerSecond()).hasValue(60.0);
            assertThat(pace.perSecond()).isCloseTo(60 * PaceController.BELOW_ACCEPTED, within(1e-9));
        }

        @Test
        void answersStillUnderWayRaiseNothingOnceBusyAnswersCutThePaceAgain() {
            long[] underWay = new long[30];
            for (int i = 0; i < 60; i++) {
                long sentAt = ticker.nanoTime();
                ticker.advance(Duration.ofMillis(10));
                if (i < 30) {
                    pace.clean(sentAt);
                } else {
                    underWay[i - 30] = sentAt;
                }
            }
            for (int i = 0; i < PaceController.RUN; i++) {
                pace.busy(ticker.nanoTime() - Duration.ofMillis(5).toNanos());
                ticker.advance(Duration.ofMillis(10));
            }
            // busy answers to requests sent after the signal: the pace is still too fast
            for (int i = 0; i < PaceController.FALL_AFTER; i++) {
                pace.busy(sendAndAwaitAnswer());
            }
            double fallen = pace.perSecond();

            for (long sentAt : underWay) {
                pace.clean(sentAt);
            }

            assertThat(pace.perSecond()).isEqualTo(fallen);
            assertThat(pace.snapshot(Instant.EPOCH).tooFastPerSecond().orElseThrow()).isLessThanOrEqualTo(30.0);
        }

        @Test
        void aServerRefusingATenthOfRequestsIsTooFast() {
            double[] paces = answersBusyAtRandom(pace, 2_000, 0.10, 11);

            assertThat(pace.snapshot(Instant.EPOCH).slowdowns()).isPositive();
            assertThat(paces[paces.length - 1]).isLessThan(100.0);
        }

        @Test
        void fivePercentRandomBusyAnswersAtASteadyPaceAreNot() {
            double[] paces = answersBusyAtRandom(pace, 20_000, 0.05, 7);

            double mean = java.util.Arrays.stream(paces).average().orElseThrow();
            // a guess of the server's habits may cost a cut or two early on; once its share is learnt, none
            assertThat(mean).isGreaterThan(97.0);
            double[] late = java.util.Arrays.copyOfRange(paces, 10_000, paces.length);
            assertThat(java.util.Arrays.stream(late).min().orElseThrow()).isGreaterThan(99.0);
            assertThat(pace.busyBaseline()).isBetween(0.03, BusyShare.HIGHEST_BASELINE);
        }

        @Test
        void busyAnswersThatKeepComingAfterASignalCutThePaceDownToTheFloor() {
            int refused = 0;
            while (!pace.atFloor() && refused < 100) {
                pace.busy(sendAndAwaitAnswer());
                refused++;
            }
            assertThat(pace.perSecond()).isEqualTo(100 * PaceController.FLOOR);
            assertThat(refused).isLessThanOrEqualTo(20);
            assertThat(pace.snapshot(Instant.EPOCH).tooFastPerSecond()).isPresent();
        }

        @Test
        void atTheFloorBusyAnswersDoubleThePauseAndAUsableAnswerClimbsAgain() {
            while (!pace.atFloor()) {
                pace.busy(sendAndAwaitAnswer());
            }
            pace.busy(sendAndAwaitAnswer());
            Duration first = pace.busy(sendAndAwaitAnswer()).pause();
            pace.busy(sendAndAwaitAnswer());
            Duration second = pace.busy(sendAndAwaitAnswer()).pause();
            assertThat(first).isPositive();
            assertThat(second).isEqualTo(first.multipliedBy(2));

            cleanAnswers(1);
            assertThat(pace.perSecond()).isGreaterThan(100 * PaceController.FLOOR);
        }

        @Test
        void aServerTakingAFiftiethOfTheConfiguredLimitIsFoundAndAnswers() {
            PaceSimulation run = new PaceSimulation(HUNDRED_A_SECOND, at -> 2, 0, 5, true);
            PaceSimulation.Tally tally = run.runUntil(Duration.ofSeconds(120));

            assertThat(tally.accepted()).isGreaterThan(100);
            assertThat(run.pace().perSecond()).isLessThan(2 * 1.5);
        }
    }

    @Nested
    class FarBelowTheConfiguredLimit {

        @Test
        void aServerTakingASixtiethIsNotAskedMoreThanHalfAgainAsOftenAsItAccepts() {
            // the configured floor (2% of 60/s) is above the server's 1/s: the floor follows what it accepts
            PaceSimulation run = new PaceSimulation(new RateLimit(60, Duration.ofSeconds(1)), at -> 1, 0, 6, true);
            run.runUntil(Duration.ofSeconds(60));
            PaceSimulation.Tally settled = run.runUntil(Duration.ofSeconds(240));

            assertThat(settled.sent() / settled.seconds()).isLessThanOrEqualTo(1.5);
            assertThat(settled.acceptedPerSecond()).isGreaterThan(0.7);
            assertThat(run.pace().perSecond()).isGreaterThanOrEqualTo(PaceController.LOWEST);
        }
    }

    @Nested
    class AgainstAServerWithALimitOfItsOwn {

        @Test
        void settlesJustBelowALimitUnderTheConfiguredOne() {
            PaceSimulation run = new PaceSimulation(HUNDRED_A_SECOND, at -> 50, 0, 1);
            PaceSimulation.Tally learning = run.runUntil(Duration.ofSeconds(30));
            PaceSimulation.Tally settled = run.runUntil(Duration.ofSeconds(120));

            assertThat(learning.tooFastShare()).isLessThan(0.10);
            assertThat(settled.acceptedPerSecond()).isBetween(0.85 * 50, 50.0);
            assertThat(settled.tooFastShare()).isLessThan(0.05);
            assertThat(run.highestPace()).isLessThanOrEqualTo(100.0);
        }

        @Test
        void settlesJustBelowALimitItsServerAnswersBusyPast() {
            PaceSimulation run = new PaceSimulation(HUNDRED_A_SECOND, at -> 50, 0, 1, true);
            run.runUntil(Duration.ofSeconds(5));
            PaceSimulation.Tally settled = run.runUntil(Duration.ofSeconds(120));

            assertThat(settled.acceptedPerSecond()).isBetween(0.85 * 50, 50.0);
            assertThat(settled.tooFastShare()).isLessThan(0.05);
            assertThat(run.pace().busyBaseline()).isLessThan(0.02);
        }

        @Test
        void followsALimitThatDropsAndComesBack() {
            long second = Duration.ofSeconds(1).toNanos();
            PaceSimulation run = new PaceSimulation(HUNDRED_A_SECOND,
                    at -> at < 60 * second || at >= 120 * second ? 50 : 20, 0, 2);
            run.runUntil(Duration.ofSeconds(60));
            PaceSimulation.Tally low = run.runUntil(Duration.ofSeconds(120));
            PaceSimulation.Tally back = run.runUntil(Duration.ofSeconds(180));

            assertThat(low.acceptedPerSecond()).isGreaterThan(0.8 * 20);
            assertThat(low.tooFastShare()).isLessThan(0.10);
            // the climb back is gentle at first, so the minute after the limit returns keeps most of it
            assertThat(back.acceptedPerSecond()).isGreaterThan(0.75 * 50);
            assertThat(back.tooFastShare()).isLessThan(0.10);
        }

        @Test
        void keepsNearlyAllOfTheLimitWhenTheServerAllowsIt() {
            PaceSimulation run = new PaceSimulation(HUNDRED_A_SECOND, at -> 100, 0.05, 3);
            PaceSimulation.Tally tally = run.runUntil(Duration.ofSeconds(60));

            assertThat(tally.tooFast()).isZero();
            assertThat(tally.sent() / tally.seconds()).isGreaterThan(0.97 * 100 / RateGate.SAFETY_MARGIN);
        }
    }

    @Nested
    class Memory {

        @Test
        void resumesFromARememberedPaceWithinTheLimits() {
            pace.resume(40, OptionalDouble.of(50));
            assertThat(pace.perSecond()).isEqualTo(40.0);
            assertThat(pace.snapshot(Instant.EPOCH).tooFastPerSecond()).hasValue(50.0);

            pace.resume(500, OptionalDouble.of(600));
            assertThat(pace.perSecond()).isEqualTo(100.0);
            assertThat(pace.snapshot(Instant.EPOCH).tooFastPerSecond()).isEmpty();

            // a pace learnt below the floor, from a server accepting less, is kept down to one request a minute
            pace.resume(0.5, OptionalDouble.empty());
            assertThat(pace.perSecond()).isEqualTo(0.5);
            pace.resume(0.000_1, OptionalDouble.empty());
            assertThat(pace.perSecond()).isEqualTo(PaceController.LOWEST);
        }

        @Test
        void theSnapshotTellsWhenAndHowFarThePaceWasSlowed() {
            ticker.advance(Duration.ofSeconds(10));
            pace.tooFast(sendAndAwaitAnswer(), Optional.empty());
            cleanAnswers(3);
            pace.tooFast(sendAndAwaitAnswer(), Optional.empty());
            cleanAnswers(2);
            Instant now = Instant.parse("2026-01-12T03:20:00Z");

            PaceController.Snapshot snapshot = pace.snapshot(now);

            assertThat(snapshot.slowdowns()).isEqualTo(2);
            assertThat(snapshot.startPerSecond()).isEqualTo(100.0);
            // the first signal came back 100 ms after it left, then 5 requests of 100 ms each followed
            assertThat(snapshot.firstSlowedAt()).contains(now.minusMillis(600));
            assertThat(snapshot.lastSlowedAt()).contains(now.minusMillis(200));
            // 70, three answers climbing 0.5% each, cut again, then two answers climbing
            double cutAgain = 70 * Math.pow(1 + PaceController.CLIMB, 3) * PaceController.CUT;
            assertThat(snapshot.lowestPerSecond()).isCloseTo(cutAgain, within(1e-9));
            assertThat(snapshot.perSecond()).isCloseTo(cutAgain * Math.pow(1 + PaceController.CLIMB, 2), within(1e-9));
            assertThat(snapshot.tooFastPerSecond()).isPresent();
        }
    }
}
