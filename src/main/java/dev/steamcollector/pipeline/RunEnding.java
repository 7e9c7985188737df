package dev.steamcollector.pipeline;

import dev.steamcollector.metrics.TaskOutcome;
import dev.steamcollector.model.RunStatus;
import java.util.Optional;

/** How a run ended; {@link #verdict()} is the one table of what each ending is recorded, shown and exits as. */
sealed interface RunEnding {

    /** The steps ran to their end; {@code atDeadline} when {@code --max-duration} stopped them early. */
    record Done(boolean atDeadline) implements RunEnding {
    }

    /** The steps ran to their end, but more games failed than {@code --max-failures} allows. */
    record TooManyFailures(RunFailure.TooManyFailures failure) implements RunEnding {
    }

    /** A signal stopped the run; what was done is committed. */
    record Interrupted(StopSignal.Reason signal) implements RunEnding {
    }

    /** A step failed. */
    record Failed(RuntimeException cause) implements RunEnding {
    }

    /** An error of the JVM (out of memory, a stack overflow): thrown on, never taken for a game's failure. */
    record Fatal(Error error) implements RunEnding {
    }

    /** The process is ending before the run did (a second signal, {@code System.exit}); {@code signal} if one did it. */
    record Abrupt(Optional<StopSignal.Reason> signal) implements RunEnding {
    }

    /**
     * What an ending means: the run's recorded status and message, the outcome its task's metrics
     * are told, and the failure thrown for the exit code (none for a run simply done, or for
     * endings that are not returned at all).
     */
    record Verdict(RunStatus status, TaskOutcome outcome, String message, Optional<RuntimeException> failure) {
    }

    default Verdict verdict() {
        return switch (this) {
            case Done done -> new Verdict(RunStatus.SUCCEEDED, TaskOutcome.SUCCEEDED,
                    done.atDeadline() ? "stopped at --max-duration; the rest is due next run" : null, Optional.empty());
            // recorded as succeeded (the run did its work), yet no success for the metrics, and exit 3
            case TooManyFailures too -> new Verdict(RunStatus.SUCCEEDED, TaskOutcome.TOO_MANY_FAILURES,
                    too.failure().getMessage(), Optional.of(too.failure()));
            case Interrupted by -> failure(RunStatus.INTERRUPTED, new RunFailure.Interrupted(by.signal()));
            case Failed failed -> failure(RunStatus.FAILED, failed.cause());
            case Fatal fatal -> new Verdict(RunStatus.FAILED, TaskOutcome.FAILED, "the run failed: " + fatal.error(),
                    Optional.empty());
            case Abrupt abrupt -> new Verdict(RunStatus.INTERRUPTED, TaskOutcome.INTERRUPTED, abrupt.signal()
                    .map(signal -> "interrupted by " + signal + " twice: stopped at once; finished work is saved, "
                            + "the batch in progress is not; run again to continue")
                    .orElse("the process ended before the run finished; finished work is saved, run again to continue"),
                    Optional.empty());
        };
    }

    private static Verdict failure(RunStatus status, RuntimeException failure) {
        return new Verdict(status, TaskOutcome.of(status), failure.getMessage(), Optional.of(failure));
    }
}
