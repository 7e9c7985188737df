package dev.steamcollector.http;

import dev.steamcollector.config.RateLimit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

/**
 * A run of one endpoint in simulated time, no threads and no sleeps: requests leave at the pace a
 * {@link PaceController} sets (as the gate spaces them), reach a server that accepts at most its
 * limit in any sliding second and answers the rest "too fast" (as a 429) or "busy" (as SteamSpy
 * does), and their answers come back after a random latency and go to the controller, as the
 * endpoint client passes them on.
 */
final class PaceSimulation implements Ticker {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final PaceController pace;
    /** The server's limit in requests per second at a simulated time. */
    private final LongToDoubleFunction serverLimit;
    private final Random random;
    private final double busyShare;
    private final boolean overLimitBusy;
    private final Deque<Long> accepted = new ArrayDeque<>();
    private final PriorityQueue<Answer> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private long now;
    private long lastDeparture = Long.MIN_VALUE;
    private long pausedUntil;
    private double highestPace;

    /** What came of the requests that left within a stretch of simulated time. */
    record Tally(long sent, long accepted, long tooFast, long busy, double seconds) {
        double acceptedPerSecond() {
            return accepted / seconds;
        }

        double tooFastShare() {
            return sent == 0 ? 0 : (double) tooFast / sent;
        }
    }

    private record Answer(long at, long sentAt, Kind kind) {
    }

    private enum Kind { CLEAN, TOO_FAST, BUSY }

    /** Over-limit requests are answered "too fast"; {@code busyShare} of the accepted "busy", at random. */
    PaceSimulation(RateLimit configured, LongToDoubleFunction serverLimit, double busyShare, long seed) {
        this(configured, serverLimit, busyShare, seed, false);
    }

    /** {@code overLimitBusy}: over-limit requests are answered "busy", as SteamSpy does, and still tallied too fast. */
    PaceSimulation(RateLimit configured, LongToDoubleFunction serverLimit, double busyShare, long seed,
            boolean overLimitBusy) {
        this.pace = new PaceController(configured, Duration.ofSeconds(30), this);
        this.serverLimit = serverLimit;
        this.busyShare = busyShare;
        this.overLimitBusy = overLimitBusy;
        this.random = new Random(seed);
        this.highestPace = pace.perSecond();
    }

    PaceController pace() {
        return pace;
    }

    double highestPace() {
        return highestPace;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(long nanos) {
        now += Math.max(0, nanos);
    }

    /** Runs until simulated time {@code until} and tallies the requests that left meanwhile. */
    Tally runUntil(Duration until) {
        long end = until.toNanos();
        long start = now;
        long sent = 0;
        long ok = 0;
        long tooFast = 0;
        long busy = 0;
        while (true) {
            long departure = Math.max(pausedUntil, lastDeparture == Long.MIN_VALUE ? now
                    : lastDeparture + Math.round(pace.intervalNanos() * RateGate.SAFETY_MARGIN));
            departure = Math.max(departure, now);
            if (!inFlight.isEmpty() && inFlight.peek().at <= departure) {
                answer(inFlight.poll());
                continue;
            }
            if (departure >= end) {
                now = end;
                return new Tally(sent, ok, tooFast, busy, (end - start) / 1e9);
            }
            now = departure;
            lastDeparture = departure;
            Kind kind = serve(departure);
            sent++;
            switch (kind) {
                case CLEAN -> ok++;
                case TOO_FAST -> tooFast++;
                case BUSY -> busy++;
            }
            long latency = Duration.ofMillis(20 + random.nextInt(181)).toNanos();
            inFlight.add(new Answer(departure + latency, departure, kind));
        }
    }

    private Kind serve(long at) {
        while (!accepted.isEmpty() && at - accepted.peekFirst() >= SECOND) {
            accepted.pollFirst();
        }
        if (accepted.size() >= Math.floor(serverLimit.applyAsDouble(at))) {
            return Kind.TOO_FAST;
        }
        accepted.addLast(at);
        return random.nextDouble() < busyShare ? Kind.BUSY : Kind.CLEAN;
    }

    private void answer(Answer answer) {
        now = Math.max(now, answer.at);
        PaceController.Reaction reaction = switch (answer.kind) {
            case CLEAN -> {
                pace.clean(answer.sentAt);
                yield PaceController.Reaction.NONE;
            }
            case TOO_FAST -> overLimitBusy ? pace.busy(answer.sentAt) : pace.tooFast(answer.sentAt, Optional.empty());
            case BUSY -> pace.busy(answer.sentAt);
        };
        pausedUntil = Math.max(pausedUntil, now + reaction.pause().toNanos());
        highestPace = Math.max(highestPace, pace.perSecond());
    }
}
