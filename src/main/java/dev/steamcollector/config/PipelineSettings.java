package dev.steamcollector.config;

/**
 * How hard the pipeline works: requests in flight, games per transaction, retries per request;
 * whether {@code collect} also keeps the Store's description and review summary of each game, and
 * whether it reads the Store catalogue in bulk, {@code catalogueBatch} games a request.
 */
public record PipelineSettings(int maxWorkers, int batchSize, int retryAttempts, boolean storeDetails,
        boolean storeCatalogue, int catalogueBatch) {

    /** The most appids a catalogue request has been seen to answer (more is unconfirmed). */
    public static final int MAX_CATALOGUE_BATCH = 100;

    public PipelineSettings {
        if (maxWorkers < 1 || batchSize < 1 || retryAttempts < 0) {
            throw new IllegalArgumentException("workers and batch size must be positive, retries not negative");
        }
        if (catalogueBatch < 1 || catalogueBatch > MAX_CATALOGUE_BATCH) {
            throw new IllegalArgumentException("a catalogue request asks about 1 to " + MAX_CATALOGUE_BATCH + " games");
        }
    }

    /** The defaults but for the first three. */
    public PipelineSettings(int maxWorkers, int batchSize, int retryAttempts, boolean storeDetails) {
        this(maxWorkers, batchSize, retryAttempts, storeDetails, true, MAX_CATALOGUE_BATCH);
    }
}
