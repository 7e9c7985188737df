package dev.steamcollector.pipeline;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.persistence.DetailsBatchRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where a batch of per-game details goes, in one transaction: metadata and status, missing
 * names, and SteamSpy's prices with their announcements.
 */
public final class DetailsSink {

    private final DetailsBatchRepository batches;
    private final PriceRecorder prices;

    public DetailsSink(DetailsBatchRepository batches, PriceRecorder prices) {
        this.batches = batches;
        this.prices = prices;
    }

    void store(List<MetadataUpdate> batch, List<Game> names) {
        List<GameMetadata> fetched = batch.stream()
                .filter(MetadataUpdate.Fetched.class::isInstance)
                .map(update -> ((MetadataUpdate.Fetched) update).data())
                .toList();
        Instant at = batch.getFirst().at().truncatedTo(ChronoUnit.MILLIS);
        batches.store(batch, names, PriceRecorder.steamSpyObservations(fetched), at, prices.rules()::evaluate);
    }
}
