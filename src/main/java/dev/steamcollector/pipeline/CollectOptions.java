package dev.steamcollector.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a {@code collect} run does and within which bounds. */
public record CollectOptions(
        Mode mode,
        List<Integer> appIds,
        int limit,
        Optional<Duration> maxDuration,
        int workers,
        int batchSize,
        MaxFailures maxFailures) {

    /** The kinds of run. */
    public enum Mode {
        INCREMENTAL("incremental"),
        FULL_REFRESH("full-refresh"),
        UPDATE_METADATA("update-metadata"),
        RETRY_FAILED("retry-failed");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public CollectOptions {
        appIds = List.copyOf(appIds);
        if (limit < 0 || workers < 1 || batchSize < 1) {
            throw new IllegalArgumentException("limit must not be negative, workers and batch size must be positive");
        }
    }

    /** The name the run is recorded under. */
    public String label() {
        return appIds.isEmpty() ? mode.label() : "app-ids";
    }
}
