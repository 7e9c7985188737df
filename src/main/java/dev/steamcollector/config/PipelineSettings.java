package dev.steamcollector.config;

/**
 * How hard the pipeline works: requests in flight, games per transaction, retries per request; and
 * whether {@code collect} also keeps the Store's description and review summary of each game.
 */
public record PipelineSettings(int maxWorkers, int batchSize, int retryAttempts, boolean storeDetails) {

    public PipelineSettings {
        if (maxWorkers < 1 || batchSize < 1 || retryAttempts < 0) {
            throw new IllegalArgumentException("workers and batch size must be positive, retries not negative");
        }
    }
}
