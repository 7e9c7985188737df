package dev.steamcollector.pipeline;

import java.util.concurrent.atomic.AtomicReference;

/** Asks a run to stop starting new work: a signal, the end of {@code --max-duration}, or a dead endpoint. */
public final class StopSignal {

    /** Why a run stops early. */
    public enum Reason {
        SIGINT, SIGTERM, DEADLINE, ENDPOINT_DOWN
    }

    private final AtomicReference<Reason> reason = new AtomicReference<>();

    /** The first reason given wins. */
    public void request(Reason why) {
        reason.compareAndSet(null, why);
    }

    public boolean requested() {
        return reason.get() != null;
    }

    /** The reason, or null while no stop was asked for. */
    public Reason reason() {
        return reason.get();
    }

    /** Whether the run was stopped by a signal, so it counts as interrupted. */
    public boolean interrupted() {
        Reason why = reason.get();
        return why == Reason.SIGINT || why == Reason.SIGTERM;
    }
}
