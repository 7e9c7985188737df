package dev.steamcollector.http;

import dev.steamcollector.config.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces one endpoint for every thread of the process: requests leave evenly spaced, never faster
 * than the limit allows in any window of its period, and all wait while the endpoint is paused
 * after a throttle signal.
 *
 * <p>The spacing is the limit's interval plus 1%, so that jitter between leaving the gate and
 * reaching the server can never squeeze one request too many into a window.
 */
public final class RateGate {

    static final double SAFETY_MARGIN = 1.01;

    private final Ticker ticker;
    private final Bucket bucket;
    private final AtomicLong pausedUntil;
    private final long lateTolerance;
    private final AtomicLong pauseGeneration = new AtomicLong();

    public RateGate(RateLimit limit, Ticker ticker) {
        this.ticker = ticker;
        long interval = Math.max(1, Math.round(limit.interval().toNanos() * SAFETY_MARGIN));
        this.bucket = Bucket.builder()
                // one token of capacity: no burst after an idle spell, only even spacing
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(interval))
                        .initialTokens(1).build())
                .withCustomTimePrecision(new TickerTimeMeter(ticker))
                .build();
        this.pausedUntil = new AtomicLong(ticker.nanoTime());
        // half the slack the safety margin leaves in a window: later than this could crowd one
        this.lateTolerance = Math.round(limit.period().toNanos() * (SAFETY_MARGIN - 1) / 2);
    }

    /** Waits until a request may leave. */
    public void acquire() throws InterruptedException {
        while (true) {
            // read before the pause check, so a pause that begins just after it is still seen below
            long generation = pauseGeneration.get();
            awaitPauseEnd();
            long[] turn = {Long.MIN_VALUE};
            bucket.asBlocking().consume(1, nanos -> {
                turn[0] = ticker.nanoTime() + nanos;
                ticker.sleep(nanos);
            });
            // a thread that woke well after its turn (a stall, a busy CPU) must not leave together
            // with the threads whose turns come now: it takes a fresh turn instead
            if (turn[0] != Long.MIN_VALUE && ticker.nanoTime() - turn[0] > lateTolerance) {
                continue;
            }
            // a pause that began while this thread waited voids its turn: take a fresh one after it
            if (generation == pauseGeneration.get()) {
                return;
            }
        }
    }

    /** Holds every request of this endpoint for at least {@code duration} from now. */
    public void pause(Duration duration) {
        long until = ticker.nanoTime() + duration.toNanos();
        pausedUntil.accumulateAndGet(until, Math::max);
        pauseGeneration.incrementAndGet();
    }

    /** How long the endpoint stays paused, zero when it is not. */
    public Duration remainingPause() {
        return Duration.ofNanos(Math.max(0, pausedUntil.get() - ticker.nanoTime()));
    }

    private void awaitPauseEnd() throws InterruptedException {
        long wait;
        while ((wait = pausedUntil.get() - ticker.nanoTime()) > 0) {
            ticker.sleep(wait);
        }
    }

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
