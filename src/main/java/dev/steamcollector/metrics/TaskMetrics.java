package dev.steamcollector.metrics;

import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunStatus;

/** The metrics of one task ({@code collect}, {@code prices}, {@code notify}), its label bound. */
public record TaskMetrics(Metrics metrics, String task) {

    public void started() {
        metrics.taskStarted(task);
    }

    public void gameProcessed(FetchStatus status) {
        metrics.gameProcessed(task, status);
    }

    public void finished(RunStatus status) {
        finished(TaskOutcome.of(status));
    }

    public void finished(TaskOutcome outcome) {
        metrics.taskFinished(task, outcome);
    }
}
