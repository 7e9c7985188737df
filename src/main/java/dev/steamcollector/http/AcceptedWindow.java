package dev.steamcollector.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The requests a server accepted lately, by when they left: a server that keeps a limit over a
 * sliding window refuses once the window holds its limit, so what it accepted in the window
 * before its first refusal is its limit, however fast the requests went, and the window holds
 * those requests against the endpoint until each has left it.
 *
 * <p>The window is taken to be a second (SteamSpy states its limit per second), or the configured
 * limit's period when that is shorter.
 */
final class AcceptedWindow {

    static final Duration LONGEST = Duration.ofSeconds(1);
    /** The most departures remembered: enough for a second at any pace the gates allow in practice. */
    private static final int MOST = 4_096;

    private final long window;
    /** Departures of accepted requests, in the order their answers came (roughly by departure). */
    private final Deque<Long> accepted = new ArrayDeque<>();

    AcceptedWindow(Duration period) {
        this.window = Math.min(period.toNanos(), LONGEST.toNanos());
    }

    long nanos() {
        return window;
    }

    /** A request that left at {@code sentAt} was accepted. */
    void accepted(long sentAt) {
        accepted.addLast(sentAt);
        while (accepted.size() > MOST || sentAt - accepted.peekFirst() > 2 * window) {
            accepted.pollFirst();
        }
    }

    /** Requests a second accepted in the window before {@code at}. */
    double perSecondBefore(long at) {
        int count = 0;
        long oldest = at;
        for (long sentAt : accepted) {
            if (sentAt < at && at - sentAt <= window) {
                count++;
                oldest = Math.min(oldest, sentAt);
            }
        }
        // a window longer than what is remembered: the rate over what is
        long span = accepted.size() >= MOST ? Math.max(1, at - oldest) : window;
        return count * 1e9 / span;
    }

    /** When the oldest request accepted in the window before {@code at} leaves the server's window. */
    long oldestLeavesAfter(long at) {
        long oldest = at;
        for (long sentAt : accepted) {
            if (sentAt < at && at - sentAt <= window) {
                oldest = Math.min(oldest, sentAt);
            }
        }
        return oldest + window;
    }

    /** When every request accepted before {@code at} has left the server's window. */
    long allLeaveAfter(long at) {
        long latest = at - window;
        for (long sentAt : accepted) {
            if (sentAt < at) {
                latest = Math.max(latest, sentAt);
            }
        }
        return latest + window;
    }
}
