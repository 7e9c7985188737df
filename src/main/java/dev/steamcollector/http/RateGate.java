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
 * <p>Two rules, each with its tool: a Bucket4j bucket spaces requests at the limit's interval plus
 * 1% (the margin absorbs jitter between leaving here and reaching the server), and a log of the
 * last {@code N} departures holds back any request that would make {@code N + 1} within one
 * period, as a thread that woke late from a stall or a busy CPU otherwise might.
 */
public final class RateGate {

    static final double SAFETY_MARGIN = 1.01;

    private final Ticker ticker;
    private final Bucket bucket;
    private final AtomicLong pausedUntil;
    private final AtomicLong pauseGeneration = new AtomicLong();
    private final DepartureLog departures;

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
        this.departures = new DepartureLog(limit, ticker);
    }

    /** Waits until a request may leave. */
    public void acquire() throws InterruptedException {
        while (true) {
            // read before the pause check, so a pause that begins just after it is still seen below
            long generation = pauseGeneration.get();
            awaitPauseEnd();
            bucket.asBlocking().consume(1, ticker::sleep);
            // a pause that began while this thread waited voids its turn: take a fresh one after it
            if (generation == pauseGeneration.get()) {
                departures.awaitRoomAndRecord();
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
