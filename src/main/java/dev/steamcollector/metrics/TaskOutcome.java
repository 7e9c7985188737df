package dev.steamcollector.metrics;

import dev.steamcollector.model.RunStatus;

/** How a task ended, as {@code steam_pipeline_status} shows it. */
public enum TaskOutcome {
    SUCCEEDED(0),
    FAILED(-1),
    INTERRUPTED(-2),
    /** Done, but more games failed than {@code --max-failures} allows (exit 3): not a success. */
    TOO_MANY_FAILURES(-3);

    private final int statusValue;

    TaskOutcome(int statusValue) {
        this.statusValue = statusValue;
    }

    /** The value of {@code steam_pipeline_status} after such an end. */
    public int statusValue() {
        return statusValue;
    }

    /** The outcome a finished run's status stands for. */
    public static TaskOutcome of(RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> SUCCEEDED;
            case INTERRUPTED -> INTERRUPTED;
            case FAILED, RUNNING -> FAILED;
        };
    }
}
