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
        INCREMENTAL, FULL_REFRESH, UPDATE_METADATA, RETRY_FAILED
    }

    public CollectOptions {
        appIds = List.copyOf(appIds);
        if (limit < 0 || workers < 1 || batchSize < 1) {
            throw new IllegalArgumentException("limit must not be negative, workers and batch size must be positive");
        }
    }

    /** The mode the run is recorded under: chosen games are a mode of their own, whatever the flags. */
    public RunMode runMode() {
        if (!appIds.isEmpty()) {
            return RunMode.APP_IDS;
        }
        return switch (mode) {
            case INCREMENTAL -> RunMode.INCREMENTAL;
            case FULL_REFRESH -> RunMode.FULL_REFRESH;
            case UPDATE_METADATA -> RunMode.UPDATE_METADATA;
            case RETRY_FAILED -> RunMode.RETRY_FAILED;
        };
    }
}
