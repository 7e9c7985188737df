package dev.steamcollector.pipeline;

import dev.steamcollector.model.LockHolder;

/** The ways a run ends without being simply done; each has its own exit code. */
public sealed class RunFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RunFailure(String message) {
        super(message, null, false, false);
    }

    /** Another run holds the database. */
    public static final class LockHeld extends RunFailure {
        private static final long serialVersionUID = 1L;

        LockHeld(LockHolder holder) {
            super("another run holds the database: " + holder.describe());
        }
    }

    /** SIGINT or SIGTERM stopped the run; what was done is committed. */
    public static final class Interrupted extends RunFailure {
        private static final long serialVersionUID = 1L;
        private final StopSignal.Reason signal;

        public Interrupted(StopSignal.Reason signal) {
            super("interrupted by " + signal + "; finished work is saved, run again to continue");
            this.signal = signal;
        }

        public StopSignal.Reason signal() {
            return signal;
        }
    }

    /** The run finished, but more games failed than {@code --max-failures} allows. */
    public static final class TooManyFailures extends RunFailure {
        private static final long serialVersionUID = 1L;

        /** {@code source} prefixes the message ({@code "Store: "}), empty for the run's main source. */
        TooManyFailures(String source, long failed, long allowed, String retryHint) {
            super(source + failed + " games failed, more than the " + allowed + " --max-failures allows; " + retryHint);
        }
    }
}
