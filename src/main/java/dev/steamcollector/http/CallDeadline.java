package dev.steamcollector.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okio.AsyncTimeout;
import okio.Timeout;

/**
 * {@code HTTP_TIMEOUT} as a deadline for the whole request (connecting, sending, waiting for and
 * reading the answer), not for one read: an answer that drips a byte at a time is cut like any
 * other timeout. The wait for the rate gate is left out: it happens inside the call (see
 * {@link HttpGateway}) and may rightly last minutes. The deadline is OkHttp's own call timeout,
 * armed when the request leaves the gate with what connecting left of the budget, so a cut call
 * fails as OkHttp's timeouts do.
 */
final class CallDeadline extends EventListener {

    private static final long AT_LEAST_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long budgetNanos;
    private long startedNanos;
    private long connectingNanos;
    private boolean armed;

    private CallDeadline(Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    /** One deadline per call (a listener's methods run on the calling thread, one at a time). */
    static EventListener.Factory of(Duration budget) {
        return call -> new CallDeadline(budget);
    }

    @Override
    public void callStart(Call call) {
        startedNanos = System.nanoTime();
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        // reached before the gate: only connecting counts, not waiting for the turn that follows
        if (connectingNanos == 0) {
            connectingNanos = Math.max(1, System.nanoTime() - startedNanos);
        }
    }

    @Override
    public void requestHeadersStart(Call call) {
        // the request has left its gate; a follow-up request of the same call keeps the deadline
        if (armed) {
            return;
        }
        armed = true;
        Timeout timeout = call.timeout();
        // a client-wide call timeout, if one were set, would already be running: leave it alone
        if (timeout instanceof AsyncTimeout whole && whole.timeoutNanos() == 0 && !whole.hasDeadline()) {
            whole.timeout(Math.max(AT_LEAST_NANOS, budgetNanos - connectingNanos), TimeUnit.NANOSECONDS);
            whole.enter();
        }
    }
}
