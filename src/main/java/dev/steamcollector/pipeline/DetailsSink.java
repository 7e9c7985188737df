package dev.steamcollector.pipeline;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.persistence.GameRepository;
import dev.steamcollector.persistence.MetadataRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Where a batch of per-game details goes: metadata, missing names, and SteamSpy's price history. */
public final class DetailsSink {

    private final GameRepository games;
    private final MetadataRepository metadata;
    private final PriceRecorder prices;

    public DetailsSink(GameRepository games, MetadataRepository metadata, PriceRecorder prices) {
        this.games = games;
        this.metadata = metadata;
        this.prices = prices;
    }

    void store(List<MetadataUpdate> batch, List<Game> names) {
        metadata.upsert(batch);
        games.fillMissingNames(names);
        List<MetadataUpdate.Fetched> fetched = batch.stream()
                .filter(MetadataUpdate.Fetched.class::isInstance)
                .map(MetadataUpdate.Fetched.class::cast)
                .toList();
        if (!fetched.isEmpty()) {
            Instant at = fetched.getFirst().at().truncatedTo(ChronoUnit.MILLIS);
            prices.recordSteamSpy(fetched.stream().map(MetadataUpdate.Fetched::data).toList(), at);
        }
    }
}
