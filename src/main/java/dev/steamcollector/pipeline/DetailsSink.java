package dev.steamcollector.pipeline;

import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.model.RunCheckpoint;
import dev.steamcollector.persistence.DetailsBatchRepository;
import dev.steamcollector.steamspy.SteamSpyRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a batch of SteamSpy per-game details goes, in one transaction: metadata and status,
 * missing names, SteamSpy's prices with their announcements, and the run's counters.
 */
public final class DetailsSink implements BatchSink<SteamSpyRecord> {

    private final DetailsBatchRepository batches;
    private final PriceRecorder prices;

    public DetailsSink(DetailsBatchRepository batches, PriceRecorder prices) {
        this.batches = batches;
        this.prices = prices;
    }

    @Override
    public void store(List<FetchOutcome<SteamSpyRecord>> batch) {
        store(batch, Optional.empty());
    }

    @Override
    public void store(List<FetchOutcome<SteamSpyRecord>> batch, Optional<RunCheckpoint> run) {
        List<MetadataUpdate> updates = new ArrayList<>(batch.size());
        List<GameMetadata> fetched = new ArrayList<>();
        List<Game> names = new ArrayList<>();
        for (FetchOutcome<SteamSpyRecord> outcome : batch) {
            updates.add(switch (outcome) {
                case FetchOutcome.Fetched<SteamSpyRecord> f -> {
                    fetched.add(f.data().metadata());
                    if (!f.data().name().isBlank()) {
                        names.add(new Game(f.appId(), f.data().name()));
                    }
                    yield new MetadataUpdate.Fetched(f.data().metadata(), f.at());
                }
                case FetchOutcome.NotFound<SteamSpyRecord> n -> new MetadataUpdate.NotFound(n.appId(), n.at());
                case FetchOutcome.Failed<SteamSpyRecord> f ->
                        new MetadataUpdate.Failed(f.appId(), f.error(), f.at(), f.retryAt());
            });
        }
        Instant at = batch.getFirst().at().truncatedTo(ChronoUnit.MILLIS);
        batches.store(updates, names, PriceRecorder.steamSpyObservations(fetched), at, prices.rules()::evaluate, run);
    }
}
