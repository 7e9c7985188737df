package dev.steamcollector.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Holds each request that carries a {@link RateGate} tag at that gate, as an OkHttp network
 * interceptor: pacing happens at the last moment, once a connection is ready, so connection set-up
 * time cannot bunch requests up at the server. The request's {@link GateExit} tag learns when it left.
 */
final class GateInterceptor implements Interceptor {

    private final Ticker ticker;
    private final Map<RateGate, ColdStart> coldStarts = new ConcurrentHashMap<>();

    GateInterceptor(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        RateGate gate = chain.request().tag(RateGate.class);
        if (gate == null) {
            return chain.proceed(chain.request());
        }
        ColdStart coldStart = coldStarts.computeIfAbsent(gate, any -> new ColdStart());
        boolean first = coldStart.awaitTurn();
        try {
            awaitGate(gate);
            GateExit exit = chain.request().tag(GateExit.class);
            if (exit != null) {
                exit.passed(ticker.nanoTime());
            }
            return chain.proceed(chain.request());
        } finally {
            // even when interrupted at the gate: the others must not wait for it forever
            if (first) {
                coldStart.done();
            }
        }
    }

    private static void awaitGate(RateGate gate) throws InterruptedIOException {
        try {
            gate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rate gate");
        }
    }

    /**
     * The first request of an endpoint travels alone: its first trip through the HTTP stack is slow
     * (class loading, compilation) and would otherwise reach the server together with the next one.
     */
    private static final class ColdStart {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch answered = new CountDownLatch(1);

        /** Returns whether this is the first request; any other waits until the first is answered. */
        boolean awaitTurn() throws InterruptedIOException {
            if (claimed.compareAndSet(false, true)) {
                return true;
            }
            try {
                answered.await();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the first request");
            }
        }

        void done() {
            answered.countDown();
        }
    }
}
