package dev.steamcollector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.config.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateGateTest {

    private static final RateLimit SIXTY_A_MINUTE = RateLimit.parse("TEST_LIMIT", "60/minute");
    /** 60/minute paced with the 1% safety margin. */
    private static final long INTERVAL = Duration.ofMillis(1010).toNanos();

    private final FakeTicker ticker = new FakeTicker();
    private final RateGate gate = new RateGate(SIXTY_A_MINUTE, ticker);
    private final long start = ticker.nanoTime();

    private long acquireAndReadClock() throws InterruptedException {
        gate.acquire();
        return ticker.nanoTime() - start;
    }

    @Nested
    class Pacing {

        @Test
        void firstRequestLeavesAtOnce() throws InterruptedException {
            assertThat(acquireAndReadClock()).isZero();
        }

        @Test
        void laterRequestsAreSpacedByTheIntervalPlusTheSafetyMargin() throws InterruptedException {
            List<Long> departures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                departures.add(acquireAndReadClock());
            }

            assertThat(departures).containsExactly(0L, INTERVAL, 2 * INTERVAL, 3 * INTERVAL, 4 * INTERVAL);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"1/minute", "10/second", "200/5minutes", "100000/day"})
        void spacingIsTheLimitsIntervalTimesTheSafetyMargin(String text) throws InterruptedException {
            RateLimit limit = RateLimit.parse("TEST_LIMIT", text);
            RateGate paced = new RateGate(limit, ticker);
            paced.acquire();
            long first = ticker.nanoTime();
            paced.acquire();

            long expected = Math.round(limit.interval().toNanos() * RateGate.SAFETY_MARGIN);
            assertThat(ticker.nanoTime() - first).isEqualTo(expected);
        }

        @Test
        void aRequestWaitsForItsTurnToComeNearWithoutTakingIt() throws InterruptedException {
            RateGate slow = new RateGate(RateLimit.parse("TEST_LIMIT", "1/minute"), ticker);
            slow.acquire();
            long left = ticker.nanoTime();
            long interval = Math.round(Duration.ofMinutes(1).toNanos() * RateGate.SAFETY_MARGIN);

            slow.awaitNextTurnWithin(Duration.ofSeconds(2));

            assertThat(ticker.nanoTime() - left).isEqualTo(interval - Duration.ofSeconds(2).toNanos());
            // the turn itself is still there to take, at its time
            slow.acquire();
            assertThat(ticker.nanoTime() - left).isEqualTo(interval);
            slow.awaitNextTurnWithin(Duration.ofMinutes(2));
            assertThat(ticker.nanoTime() - left).as("a turn within the lead: no wait").isEqualTo(interval);
        }

        @Test
        void doesNotBurstAfterAnIdleSpell() throws InterruptedException {
            gate.acquire();
            ticker.advance(Duration.ofHours(1));

            long afterIdle = acquireAndReadClock();
            long next = acquireAndReadClock();

            assertThat(afterIdle).isEqualTo(Duration.ofHours(1).toNanos());
            assertThat(next - afterIdle).isEqualTo(INTERVAL);
        }
    }

    @Nested
    class OverALongRun {

        @Test
        void oneThreadNeverExceedsTheLimitInAnyWindowYetUsesAlmostAllOfIt() throws InterruptedException {
            long horizon = Duration.ofMinutes(10).toNanos();
            List<Long> departures = new ArrayList<>();
            for (long at = acquireAndReadClock(); at < horizon; at = acquireAndReadClock()) {
                departures.add(at);
            }

            assertNoWindowHoldsMoreThanTheLimit(departures, SIXTY_A_MINUTE);
            assertThat(departures).hasSizeGreaterThanOrEqualTo(588); // 98% of 10 x 60
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"60/minute", "200/5minutes", "5/second"})
        @Timeout(30)
        void workersSharingOneGateTogetherStayWithinTheLimit(String text) throws Exception {
            RateLimit limit = RateLimit.parse("TEST_LIMIT", text);
            int workers = 4;
            VirtualTimeTicker clock = new VirtualTimeTicker(workers);
            RateGate shared = new RateGate(limit, clock);
            long horizon = limit.period().multipliedBy(10).toNanos();
            List<Long> departures = Collections.synchronizedList(new ArrayList<>());

            runWorkers(workers, clock, shared, horizon, () -> departures.add(clock.nanoTime()));

            List<Long> sorted = departures.stream().sorted().toList();
            assertNoWindowHoldsMoreThanTheLimit(sorted, limit);
            assertThat(sorted).hasSizeGreaterThanOrEqualTo((int) (limit.permits() * 10 * 0.98));
        }
    }

    @Nested
    class Pausing {

        @Test
        void remainingPauseIsZeroWhenNotPaused() {
            assertThat(gate.remainingPause()).isZero();

            gate.pause(Duration.ofSeconds(30));
            ticker.advance(Duration.ofSeconds(31));

            assertThat(gate.remainingPause()).isZero();
        }

        @Test
        void remainingPauseCountsDown() {
            gate.pause(Duration.ofSeconds(30));
            ticker.advance(Duration.ofSeconds(10));

            assertThat(gate.remainingPause()).isEqualTo(Duration.ofSeconds(20));
        }

        @Test
        void aShorterPauseDoesNotCutALongerOneShort() {
            gate.pause(Duration.ofSeconds(30));
            gate.pause(Duration.ofSeconds(5));

            assertThat(gate.remainingPause()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void pauseHoldsTheNextRequestUntilItEnds() throws InterruptedException {
            gate.acquire();
            gate.pause(Duration.ofSeconds(30));

            assertThat(acquireAndReadClock()).isEqualTo(Duration.ofSeconds(30).toNanos());
            assertThat(acquireAndReadClock()).isEqualTo(Duration.ofSeconds(30).toNanos() + INTERVAL);
        }

        @Test
        void aShortPauseEndingBeforeAWaitingThreadsTurnKeepsTheSpacing() throws InterruptedException {
            gate.acquire();
            // the waiting thread's turn would come at INTERVAL; a short pause starts meanwhile
            ticker.duringNextSleep(() -> gate.pause(Duration.ofMillis(100)));

            assertThat(acquireAndReadClock()).isEqualTo(INTERVAL);
        }

        @Test
        void longPauseBeginningWhileAThreadWaitsHoldsItUntilThePauseEnds() throws InterruptedException {
            gate.acquire();
            ticker.duringNextSleep(() -> gate.pause(Duration.ofSeconds(30)));

            long held = acquireAndReadClock();
            long next = acquireAndReadClock();

            assertThat(held).isEqualTo(Duration.ofSeconds(30).toNanos());
            assertThat(next - held).isEqualTo(INTERVAL);
        }

        @ParameterizedTest(name = "at clock reading {0} of acquire")
        @ValueSource(ints = {0, 1})
        void pauseBeginningAnywhereInsideAcquireHoldsTheRequest(int readingsToSkip) throws InterruptedException {
            ticker.atReading(readingsToSkip, () -> gate.pause(Duration.ofSeconds(30)));

            assertThat(acquireAndReadClock()).isGreaterThanOrEqualTo(Duration.ofSeconds(30).toNanos());
        }
    }

    @Nested
    class FollowingThePace {

        private final PaceController pace = new PaceController(SIXTY_A_MINUTE, Duration.ofSeconds(30), ticker);
        private final RateGate paced = new RateGate(SIXTY_A_MINUTE, pace, ticker);

        private long spacingOfTwoRequests() throws InterruptedException {
            paced.acquire();
            long first = ticker.nanoTime();
            paced.acquire();
            return ticker.nanoTime() - first;
        }

        @Test
        void aCutPaceSpacesRequestsAtItsLongerInterval() throws InterruptedException {
            paced.acquire();
            pace.clean(ticker.nanoTime());
            paced.pause(pace.tooFast(ticker.nanoTime(), Optional.empty()).pause());

            long slower = Math.round(pace.intervalNanos() * RateGate.SAFETY_MARGIN);
            assertThat(slower).isGreaterThan(INTERVAL);
            assertThat(spacingOfTwoRequests()).isEqualTo(slower);
        }

        @Test
        void cleanAnswersBringTheSpacingBackToTheLimitsInterval() throws InterruptedException {
            paced.acquire();
            pace.clean(ticker.nanoTime());
            paced.pause(pace.tooFast(ticker.nanoTime(), Optional.empty()).pause());
            long slower = spacingOfTwoRequests();

            for (int i = 0; i < 1_000 && pace.perSecond() < SIXTY_A_MINUTE.perSecond(); i++) {
                paced.acquire();
                pace.clean(ticker.nanoTime());
            }

            assertThat(spacingOfTwoRequests()).isLessThan(slower).isEqualTo(INTERVAL);
        }

        @Test
        @Timeout(30)
        void aClimbingPaceNeverCrowdsTheTurnsAlreadyHandedOut() throws Exception {
            RateLimit limit = RateLimit.parse("TEST_LIMIT", "100/second");
            int workers = 8;
            VirtualTimeTicker clock = new VirtualTimeTicker(workers);
            PaceController climbing = new PaceController(limit, Duration.ofSeconds(30), clock);
            climbing.resume(20, OptionalDouble.empty());
            RateGate shared = new RateGate(limit, climbing, clock);
            long horizon = Duration.ofSeconds(12).toNanos();
            // each departure with the interval in force when it left: the pace only climbs here, so
            // no request may follow the one before it by less than that
            List<long[]> departures = Collections.synchronizedList(new ArrayList<>());

            runWorkers(workers, clock, shared, horizon, () -> {
                long now = clock.nanoTime();
                departures.add(new long[] {now, Math.round(climbing.intervalNanos() * RateGate.SAFETY_MARGIN)});
                climbing.clean(now);
            });

            List<long[]> sorted = departures.stream().sorted(Comparator.comparingLong(departure -> departure[0]))
                    .toList();
            assertThat(climbing.perSecond()).isEqualTo(100.0);
            for (int i = 1; i < sorted.size(); i++) {
                long gap = sorted.get(i)[0] - sorted.get(i - 1)[0];
                // a turn is placed to a thousandth of its interval
                assertThat(gap).as("gap before departure %d", i).isGreaterThanOrEqualTo(sorted.get(i)[1] * 999 / 1000);
            }
        }

        @Test
        void aPauseShorterThanATurnStillKeepsTheTurnsDistance() throws InterruptedException {
            paced.acquire();
            long last = ticker.nanoTime();
            paced.pause(Duration.ofMillis(100));

            paced.acquire();

            assertThat(ticker.nanoTime() - last).isGreaterThanOrEqualTo(INTERVAL);
        }
    }

    /** {@code workers} threads pass {@code gate} in virtual time until {@code horizon}, each running {@code afterEach}. */
    private static void runWorkers(int workers, VirtualTimeTicker clock, RateGate gate, long horizon,
            Runnable afterEach) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> {
                    try {
                        for (gate.acquire(); clock.nanoTime() < horizon; gate.acquire()) {
                            afterEach.run();
                        }
                    } finally {
                        clock.finished();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
    }

    /** In no closed window of the limit's period may more than {@code permits} requests leave. */
    private static void assertNoWindowHoldsMoreThanTheLimit(List<Long> sortedDepartures, RateLimit limit) {
        int permits = (int) limit.permits();
        long period = limit.period().toNanos();
        for (int i = 0; i + permits < sortedDepartures.size(); i++) {
            long span = sortedDepartures.get(i + permits) - sortedDepartures.get(i);
            assertThat(span).as("requests %d..%d", i, i + permits).isGreaterThan(period);
        }
    }
}
