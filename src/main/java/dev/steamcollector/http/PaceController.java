package dev.steamcollector.http;

import dev.steamcollector.config.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pace of one endpoint in requests per second, learnt from its answers. A "too fast" signal cuts
 * it to {@value #CUT} of itself and pauses the endpoint until the requests under way have come back
 * (a smoothed round trip), or one interval at the new pace if that is longer; clean answers climb
 * it back, quickly (by a share of itself, so a slow pace climbs gently and a server's sliding window
 * has time to say "too fast" before the pace is far past its limit) up to just below the pace that
 * drew the signal, then slowly past it, so the pace settles just below the server's real limit.
 * Once the pace has passed that point by 1% without a signal, the limit has moved and the climb
 * is quick again, up to the configured limit, never above it (three times as quick past 10% above
 * it).
 *
 * <p>One signal per round: a signal about a request that left before the previous signal was
 * already answered by that one. A signal that follows another with no clean answer between them
 * means the server is holding the endpoint off, not finding it a little fast: it does not cut again
 * but doubles the pause.
 *
 * <p>Busy answers ("Connection failed", an empty body) may be about the pace or not: they are told
 * apart by how often they come ({@link BusyShare}), and only busy answers coming more often than
 * the server gives them at a safe pace are a signal, and so is a run of them that hardly ever
 * comes at random or, on a server rarely busy at random, one past the limit busy answers found
 * before. Such a signal takes the pace just below what the server accepted in its window before
 * (not a fixed share of the pace), the pace the climb then treats as the one that drew the signal,
 * and the endpoint waits until that window has room. Answers still under way then that come back
 * usable were accepted in that window too, and raise what it holds. Refusals in a row to a pace
 * the server had accepted in full mean its limit fell by an unknown amount: the pace halves and the
 * endpoint waits until the window is empty, so that the next refusal tells the new limit.
 * After it, busy answers {@value #FALL_AFTER} at a time with no usable one between mean the pace
 * is still too fast, a limit far below the configured one maybe: each time the pace falls further,
 * down to the floor, and the pause doubles, as the server may count over a longer window. A server
 * that still accepts some requests, fewer than the floor, lowers the floor to just below what it
 * accepted (never below a request a minute).
 */
public final class PaceController {

    static final double CUT = 0.7;
    /** The lowest pace, as a share of the configured limit, unless the server is seen to accept less. */
    static final double FLOOR = 0.02;
    /** The lowest pace whatever the server accepts: one request a minute. */
    static final double LOWEST = 1.0 / 60;
    /** At the floor, this share of usable answers lately shows a server accepting less than the floor, not one down. */
    static final double USABLE_BELOW_FLOOR = 0.25;
    /** A clean answer's climb below the settling point, as a share of the pace: slow paces climb gently. */
    static final double CLIMB = 0.005;
    /** A clean answer's climb near the pace that drew the last signal, as a share of that pace. */
    static final double PROBE = 0.001;
    static final double SETTLE = 0.95;
    static final double FORGET = 1.01;
    /** Past this share of the limit found last, the limit has moved up. */
    static final double FAR_PAST = 1.1;
    /** How many times quicker the climb is past {@link #FAR_PAST}. */
    static final double FAR_PAST_CLIMB = 3;
    /** After busy answers drew a signal, the pace drops to this share of what the server accepted lately. */
    static final double BELOW_ACCEPTED = 0.95;
    /** Busy answers in a row after a busy signal that cut the pace again. */
    static final int FALL_AFTER = 2;
    /** Busy answers in a row that tell a server refusing all it gets, at least. */
    static final int RUN = 3;
    /** A run of busy answers this unlikely at random is a signal whatever their share. */
    private static final double RUN_AT_RANDOM = 1e-4;
    /** Below this share of the pace that drew the last signal, the pace is taken as under the server's limit. */
    static final double SAFE = 1.0;
    /**
     * Busy answers in a row to a pace the server had accepted in full (at least this share of it)
     * in its window: the server's limit fell below what it accepted, by how much nothing tells yet.
     */
    static final double ACCEPTED_IN_FULL = 0.9;

    private final RateLimit limit;
    private final double ceiling;
    private final Duration longestPause;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private double pace;
    private double start;
    private double lowest;
    private double floor;
    private double tooFast = Double.POSITIVE_INFINITY;
    /** The pace that drew the last signal, once the climb has passed it. */
    private double forgotten = Double.POSITIVE_INFINITY;
    private boolean signalled;
    private long lastSignal;
    private boolean cleanSinceSignal = true;
    private boolean busySignalled;
    private int busySinceSignal;
    /** The pace busy answers last called too fast, remembered after the climb has forgotten it. */
    private double busyLimit = Double.POSITIVE_INFINITY;
    private int streak;
    private final BusyShare busyShare = new BusyShare();
    private final AcceptedWindow window;
    /** Busy answers since the last usable one. */
    private int busyInARow;
    /** When the request whose busy answer drew the last busy signal left, and the pace it left at. */
    private long busySignalSentAt;
    private double paceAtBusySignal;
    /** Answers still under way at the last busy signal may raise the limit it found: no cut came since. */
    private boolean refinable;
    /** The last busy signal came after the server had accepted about all it was sent in its window. */
    private boolean acceptedInFull;
    /** How long answers take, smoothed: a cut's pause lets the requests still under way come back first. */
    private long roundTrip;
    private int slowdowns;
    private long firstSlowdown;
    private long lastSlowdown;

    /** Starts at {@code limit}; a signal's pause is at most {@code longestPause} unless the server asks for longer. */
    public PaceController(RateLimit limit, Duration longestPause, Ticker ticker) {
        this.limit = limit;
        this.ceiling = limit.perSecond();
        this.longestPause = longestPause;
        this.ticker = ticker;
        this.pace = ceiling;
        this.start = ceiling;
        this.lowest = ceiling;
        this.floor = ceiling * FLOOR;
        this.window = new AcceptedWindow(limit.period());
    }

    /** What a signal did: the pause it asks of the whole endpoint (zero for none) and whether it cut the pace. */
    public record Reaction(Duration pause, boolean cut) {
        static final Reaction NONE = new Reaction(Duration.ZERO, false);
    }

    /** The pace and how it went since the start, times as seen at {@code now}. */
    public record Snapshot(RateLimit limit, double startPerSecond, double perSecond, double lowestPerSecond,
            int slowdowns, Optional<Instant> firstSlowedAt, Optional<Instant> lastSlowedAt,
            OptionalDouble tooFastPerSecond) {
    }

    /** Starts from a remembered pace and, when known, the pace the endpoint last called too fast. */
    public void resume(double perSecond, OptionalDouble tooFastPerSecond) {
        lock.lock();
        try {
            // a pace learnt below the floor (a server accepting less than it) is kept
            floor = Math.clamp(perSecond, LOWEST, ceiling * FLOOR);
            pace = Math.clamp(perSecond, floor, ceiling);
            start = pace;
            lowest = pace;
            tooFast = tooFastPerSecond.isPresent() && tooFastPerSecond.getAsDouble() < ceiling
                    ? tooFastPerSecond.getAsDouble() : Double.POSITIVE_INFINITY;
        } finally {
            lock.unlock();
        }
    }

    /** The configured limit, which the pace never exceeds. */
    public RateLimit limit() {
        return limit;
    }

    public double perSecond() {
        lock.lock();
        try {
            return pace;
        } finally {
            lock.unlock();
        }
    }

    /** The time between two requests at the pace in force; exactly the limit's interval at the limit. */
    public long intervalNanos() {
        double now = perSecond();
        return now >= ceiling ? limit.interval().toNanos() : Math.round(1e9 / now);
    }

    /** The endpoint said "too fast" (429, 403 after 429, an empty body) to a request that left at {@code sentAt}. */
    public Reaction tooFast(long sentAt, Optional<Duration> retryAfter) {
        lock.lock();
        try {
            timeAnswer(sentAt);
            if (stale(sentAt)) {
                // answered by the last signal already; a server's own word on waiting still counts
                return retryAfter.map(after -> new Reaction(after, false)).orElse(Reaction.NONE);
            }
            return signal(retryAfter);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The endpoint said "busy" to a request that left at {@code sentAt}: a signal when busy answers
     * come more often than at a safe pace, or keep coming after such a signal.
     */
    public Reaction busy(long sentAt) {
        lock.lock();
        try {
            timeAnswer(sentAt);
            busyInARow++;
            if (stale(sentAt)) {
                // requests that left before a busy signal refused in a row: the server refuses all it gets
                boolean refusesAll = busySignalled && acceptedInFull && !cleanSinceSignal && busyInARow == RUN;
                return refusesAll ? fall(true) : Reaction.NONE;
            }
            if (busySignalled && !cleanSinceSignal) {
                return fall(false);
            }
            // busy answers in a row are a full window, not the server's habit
            boolean tooOften = busyShare.hear(true, belowKnownLimit() && busyInARow == 1, pace, nearBusyLimit());
            // past the limit busy answers found before, on a server rarely busy at random, one is the limit again
            boolean pastLimit = pace >= busyLimit && busyShare.baseline() < BusyShare.RARELY;
            return tooOften || pastLimit || busyInARow >= runAtRandom() ? busySignal(sentAt) : Reaction.NONE;
        } finally {
            lock.unlock();
        }
    }

    /** The pace at which the server answers busy no more often than at random, as far as known. */
    double busyBaseline() {
        lock.lock();
        try {
            return busyShare.baseline();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the pace is below the configured limit: a signal cut it and it has not climbed all the way back. */
    public boolean slowed() {
        return perSecond() < ceiling;
    }

    /** Whether the pace is at its floor: the endpoint cannot be slowed further, only paused. */
    public boolean atFloor() {
        lock.lock();
        try {
            return pace <= floor;
        } finally {
            lock.unlock();
        }
    }

    /** A usable answer to a request that left at {@code sentAt}: the pace climbs. */
    public void clean(long sentAt) {
        lock.lock();
        try {
            timeAnswer(sentAt);
            window.accepted(sentAt);
            busyInARow = 0;
            if (stale(sentAt)) {
                refineBusyLimit(sentAt);
                return;
            }
            busyShare.hear(false, belowKnownLimit(), pace, nearBusyLimit());
            cleanSinceSignal = true;
            double step = pace < SETTLE * tooFast ? CLIMB * pace : PROBE * tooFast;
            // well past the limit found last, it has moved up: back to the configured limit three times as quickly
            pace = Math.min(ceiling, pace + (pace > FAR_PAST * forgotten ? FAR_PAST_CLIMB * step : step));
            if (pace > FORGET * tooFast) {
                forgotten = tooFast;
                tooFast = Double.POSITIVE_INFINITY;
            }
        } finally {
            lock.unlock();
        }
    }

    public Snapshot snapshot(Instant now) {
        lock.lock();
        try {
            long reading = ticker.nanoTime();
            Optional<Instant> first = slowdowns == 0 ? Optional.empty()
                    : Optional.of(now.minusNanos(reading - firstSlowdown));
            Optional<Instant> last = slowdowns == 0 ? Optional.empty()
                    : Optional.of(now.minusNanos(reading - lastSlowdown));
            return new Snapshot(limit, start, pace, lowest, slowdowns, first, last,
                    Double.isInfinite(tooFast) ? OptionalDouble.empty() : OptionalDouble.of(tooFast));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A usable answer to a request that left before the one whose busy answer drew the last busy
     * signal: the server accepted it in the window that signal counted, and its answer was still
     * under way then. The limit found is what the window holds now, and the pace follows it up,
     * unless busy answers cut it again since.
     */
    private void refineBusyLimit(long sentAt) {
        if (!refinable || sentAt - busySignalSentAt >= 0) {
            return;
        }
        double accepted = Math.min(paceAtBusySignal, window.perSecondBefore(busySignalSentAt));
        if (accepted > tooFast) {
            tooFast = accepted;
            busyLimit = accepted;
            pace = Math.max(pace, Math.min(ceiling, accepted * BELOW_ACCEPTED));
        }
    }

    private Reaction signal(Optional<Duration> retryAfter) {
        busySignalled = false;
        refinable = false;
        boolean cut = cleanSinceSignal;
        if (cut) {
            tooFast = pace;
            cut(pace * CUT);
            streak = 1;
        } else {
            streak++;
        }
        return signalled(retryAfter, cut, 0);
    }

    /**
     * Busy answers come too often to a request that left at {@code sentAt}: the server's limit is
     * what it accepted in its window before, and the endpoint waits until the requests it accepted
     * have left that window far enough for the new pace. A server that had accepted all it was sent
     * and now refuses in a row has lowered its limit by an unknown amount: the endpoint waits until
     * its window is empty and comes back at half the pace, where the next refusal tells the limit.
     */
    private Reaction busySignal(long sentAt) {
        if (!cleanSinceSignal) {
            return signal(Optional.empty());
        }
        double accepted = window.perSecondBefore(sentAt);
        busySignalSentAt = sentAt;
        paceAtBusySignal = pace;
        refinable = true;
        acceptedInFull = accepted >= ACCEPTED_IN_FULL * pace;
        // nothing accepted at all: the server refuses whatever the pace, and the floor is all there is to go on
        tooFast = Math.min(pace, Math.max(accepted, floor));
        busyLimit = tooFast;
        lowerFloor();
        // the server's limit is about what it accepted: settle just under it, not a fixed share of the pace
        cut(tooFast * BELOW_ACCEPTED);
        long clears = window.oldestLeavesAfter(sentAt);
        streak = 1;
        busySignalled = true;
        busySinceSignal = 0;
        return signalled(Optional.empty(), true, clears - ticker.nanoTime());
    }

    /**
     * Busy answers go on after a busy signal ({@code refusesAll}: a run of them to requests that left
     * before it): the pace is still too fast, cut again deeper, down to the floor, and the endpoint
     * waits until what the server accepted has left its window.
     */
    private Reaction fall(boolean refusesAll) {
        if (!refusesAll && ++busySinceSignal < FALL_AFTER) {
            return Reaction.NONE;
        }
        long clears = window.allLeaveAfter(ticker.nanoTime());
        busySinceSignal = 0;
        refinable = false;
        if (pace <= floor) {
            lowerFloor();
        }
        boolean cut = pace > floor;
        if (cut) {
            tooFast = Math.min(tooFast, pace);
            cut(pace * CUT * CUT);
            // past the new pace any busy answer is the limit: the next one tells what it is
            busyLimit = pace;
        }
        // a server counting over a window longer than the pause still holds the earlier requests against us
        streak++;
        return signalled(Optional.empty(), cut, clears - ticker.nanoTime());
    }

    /**
     * Busy answers come too often while some answers are usable, and the server accepted less than
     * the floor lately: the floor goes just below what it accepted, never below {@link #LOWEST}.
     * Busy answers alone (a server down) leave the floor alone, and the pauses grow instead.
     */
    private void lowerFloor() {
        if (busyShare.usableLately() >= USABLE_BELOW_FLOOR) {
            floor = Math.clamp(busyShare.acceptedLately() * BELOW_ACCEPTED, LOWEST, floor);
        }
    }

    /** {@code clearsIn}: how long until the server's window has room for the new pace, zero when unknown. */
    private Reaction signalled(Optional<Duration> retryAfter, boolean cut, long clearsIn) {
        busyShare.restart();
        cleanSinceSignal = false;
        signalled = true;
        lastSignal = ticker.nanoTime();
        Duration pause = Duration.ofNanos(Math.max(intervalAtPace(), roundTrip))
                .multipliedBy(1L << Math.min(30, streak - 1));
        pause = pause.compareTo(Duration.ofNanos(clearsIn)) < 0 ? Duration.ofNanos(clearsIn) : pause;
        return new Reaction(retryAfter.orElse(pause.compareTo(longestPause) > 0 ? longestPause : pause), cut);
    }

    /** The shortest run of busy answers that hardly ever comes at random from this server. */
    private int runAtRandom() {
        return Math.max(RUN, (int) Math.ceil(Math.log(RUN_AT_RANDOM) / Math.log(busyShare.baseline())));
    }

    private boolean nearBusyLimit() {
        return pace >= SETTLE * busyLimit;
    }

    private boolean belowKnownLimit() {
        return !Double.isInfinite(tooFast) && pace < SAFE * tooFast;
    }

    private void cut(double to) {
        long now = ticker.nanoTime();
        pace = Math.max(floor, to);
        forgotten = Double.POSITIVE_INFINITY;
        lowest = Math.min(lowest, pace);
        if (slowdowns++ == 0) {
            firstSlowdown = now;
        }
        lastSlowdown = now;
    }

    private void timeAnswer(long sentAt) {
        long took = Math.max(0, ticker.nanoTime() - sentAt);
        roundTrip = roundTrip == 0 ? took : roundTrip + (took - roundTrip) / 8;
    }

    private long intervalAtPace() {
        return Math.round(1e9 / pace);
    }

    private boolean stale(long sentAt) {
        return signalled && sentAt - lastSignal < 0;
    }

}
