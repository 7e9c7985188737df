package dev.steamcollector.persistence;

import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.model.PriceChange;
import dev.steamcollector.model.PriceObservation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One batch of per-game details in one transaction: the metadata and fetch status, the names of
 * games stored without one, and the prices seen (with their queued announcements).
 */
public final class DetailsBatchRepository {

    private final Database database;

    DetailsBatchRepository(Database database) {
        this.database = database;
    }

    public void store(List<MetadataUpdate> updates, List<Game> names, List<PriceObservation> prices, Instant at,
            Function<PriceChange, Optional<Announcement>> announce) {
        Outbox outbox = database.outbox();
        database.execute(connection -> {
            database.metadata().upsert(connection, updates);
            GameRepository.fillMissingNames(connection, names);
            database.prices().record(connection, prices, at, announce);
        });
    }
}
