package dev.steamcollector.http;

import dev.steamcollector.config.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces one endpoint for every thread of the process: requests leave evenly spaced at the pace in
 * force (its {@link PaceController}), never faster than the configured limit allows in any window
 * of its period, and all wait while the endpoint is paused after a throttle signal.
 *
 * <p>Three rules, each with its tool. A Bucket4j bucket holding one turn, refilled at the pace's
 * interval plus 1% (the margin absorbs jitter between leaving here and reaching the server), hands
 * each request its turn in order, in advance, so a thread that wakes a little late does not cost
 * the endpoint a turn; it saves nothing up while idle, so there is no burst after a quiet spell.
 * When the pace moves, or a pause (which comes with every pace cut) begins, the bucket is refilled
 * at the new interval counted from the last turn handed out, never compressing the turns already
 * given; a pause also voids them, and their holders take fresh turns after it. And a log of the
 * last {@code N} departures holds back any request that would make {@code N + 1} within one period
 * of the configured limit, as a thread that woke late from a stall or a busy CPU otherwise might.
 */
public final class RateGate {

    /** The margin absorbs jitter between leaving here and reaching the server. */
    static final double SAFETY_MARGIN = 1.01;
    /** Tokens in one turn: fine enough to start the next turn anywhere within an interval. */
    private static final long TURN = 1_000;

    private final Ticker ticker;
    private final PaceController pace;
    private final DepartureLog departures;
    private final ReentrantLock lock = new ReentrantLock();
    private final Bucket bucket;
    private long bucketInterval;
    private long lastTurn;
    private long lastDeparture;
    private long pausedUntil;
    private long generation;

    /** A gate that keeps to {@code limit}, as nothing ever slows it. */
    public RateGate(RateLimit limit, Ticker ticker) {
        this(limit, new PaceController(limit, Duration.ofSeconds(30), ticker), ticker);
    }

    /** A gate at the pace {@code pace} sets, which is never above {@code limit}. */
    public RateGate(RateLimit limit, PaceController pace, Ticker ticker) {
        this.ticker = ticker;
        this.pace = pace;
        this.departures = new DepartureLog(limit, ticker);
        this.bucketInterval = interval();
        this.bucket = Bucket.builder()
                .addLimit(turnEvery(bucketInterval))
                .withCustomTimePrecision(new TickerTimeMeter(ticker))
                .build();
        long now = ticker.nanoTime();
        this.lastTurn = now - bucketInterval;
        this.lastDeparture = lastTurn;
        this.pausedUntil = now;
    }

    public PaceController pace() {
        return pace;
    }

    /** Waits until a request may leave. */
    public void acquire() throws InterruptedException {
        while (true) {
            awaitPauseEnd();
            Turn turn = reserve();
            // until a time, not for a while: a thread held up after taking its turn does not leave later still
            long wait = turn.at() - ticker.nanoTime();
            if (wait > 0) {
                ticker.sleep(wait);
            }
            if (stillValid(turn)) {
                departures.awaitRoomAndRecord();
                return;
            }
        }
    }

    /**
     * Waits, without taking a turn, until the next one is at most {@code lead} away: a request then
     * takes its connection shortly before it leaves, not a minute before, by when a server may have
     * closed it.
     */
    public void awaitNextTurnWithin(Duration lead) throws InterruptedException {
        while (true) {
            awaitPauseEnd();
            long wait = nanosToNextTurn() - lead.toNanos();
            if (wait <= 0) {
                return;
            }
            ticker.sleep(wait);
        }
    }

    private long nanosToNextTurn() {
        lock.lock();
        try {
            followPace();
            return bucket.estimateAbilityToConsume(TURN).getNanosToWaitForRefill();
        } finally {
            lock.unlock();
        }
    }

    /** Holds every request of this endpoint for at least {@code duration} from now, and voids handed-out turns. */
    public void pause(Duration duration) {
        lock.lock();
        try {
            long until = ticker.nanoTime() + duration.toNanos();
            pausedUntil = until - pausedUntil > 0 ? until : pausedUntil;
            generation++;
            // turns handed out at the old pace are taken again after the pause, at the new one, the
            // first still a whole interval after the last request that left
            bucketInterval = interval();
            lastTurn = lastDeparture;
            nextTurnAfter(lastTurn);
        } finally {
            lock.unlock();
        }
    }

    /** How long the endpoint stays paused, zero when it is not. */
    public Duration remainingPause() {
        lock.lock();
        try {
            return Duration.ofNanos(Math.max(0, pausedUntil - ticker.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    /** Waits while the endpoint is paused; a request waits out a pause before it starts, not inside its timeout. */
    public void awaitPauseEnd() throws InterruptedException {
        long wait;
        while ((wait = remainingPause().toNanos()) > 0) {
            ticker.sleep(wait);
        }
    }

    /** A turn to leave at {@code at}, valid while no pause begins: while the pause generation is the same. */
    private record Turn(long at, long generation) {
    }

    private Turn reserve() {
        lock.lock();
        try {
            followPace();
            lastTurn = ticker.nanoTime() + bucket.consumeIgnoringRateLimits(TURN);
            return new Turn(lastTurn, generation);
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code turn} may be used now: no pause began since it was taken. */
    private boolean stillValid(Turn turn) {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            if (turn.generation() != generation || pausedUntil - now > 0) {
                return false;
            }
            lastDeparture = now;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Refills the bucket at the pace in force; turns already handed out keep their times. */
    private void followPace() {
        long interval = interval();
        if (interval != bucketInterval) {
            bucketInterval = interval;
            nextTurnAfter(lastTurn);
        }
    }

    /** Reconfigures the bucket at {@link #bucketInterval} so that its next turn comes that long after {@code time}. */
    private void nextTurnAfter(long time) {
        bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(turnEvery(bucketInterval)).build(),
                TokensInheritanceStrategy.RESET);
        long wait = time + bucketInterval - ticker.nanoTime();
        if (wait > 0) {
            // the bucket is full now: owing this much makes it hand out the next turn after wait
            bucket.consumeIgnoringRateLimits(Math.max(1, Math.round((double) TURN * wait / bucketInterval)));
        }
    }

    private long interval() {
        return Math.max(1, Math.round(pace.intervalNanos() * SAFETY_MARGIN));
    }

    /** One turn, refilled every {@code interval}: even spacing, nothing saved up while idle. */
    private static Bandwidth turnEvery(long interval) {
        return Bandwidth.builder().capacity(TURN).refillGreedy(TURN, Duration.ofNanos(interval)).initialTokens(TURN)
                .build();
    }

    /** The bucket reads the gate's clock, so tests with a fake ticker see the bucket in fake time. */
    private record TickerTimeMeter(Ticker ticker) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return ticker.nanoTime();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
