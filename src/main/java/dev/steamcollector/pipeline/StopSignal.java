package dev.steamcollector.pipeline;

import java.util.concurrent.atomic.AtomicReference;

/** Asks a run to stop starting new work: a signal, the end of {@code --max-duration}, or a dead endpoint. */
public final class StopSignal {

    /** Why a run stops early. */
    public enum Reason {
        SIGINT, SIGTERM, DEADLINE, ENDPOINT_DOWN
    }

    private final AtomicReference<Reason> reason = new AtomicReference<>();

    /**
     * The first reason given wins, except that a signal overrides a deadline or a dead endpoint:
     * Ctrl-C always means interrupted (and a second one quits at once).
     */
    public void request(Reason why) {
        boolean signal = why == Reason.SIGINT || why == Reason.SIGTERM;
        reason.getAndUpdate(current -> current == null || signal && !interrupted(current) ? why : current);
    }

    private static boolean interrupted(Reason why) {
        return why == Reason.SIGINT || why == Reason.SIGTERM;
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
        return why != null && interrupted(why);
    }
}
