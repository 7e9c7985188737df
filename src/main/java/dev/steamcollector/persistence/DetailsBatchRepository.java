package dev.steamcollector.persistence;

import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.model.PriceChange;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.RunCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One batch of per-game details in one transaction: the metadata and fetch status, the names of
 * games stored without one, the prices seen (with their queued announcements), and the counters
 * of the run that fetched them.
 */
public final class DetailsBatchRepository {

    private final Database database;

    DetailsBatchRepository(Database database) {
        this.database = database;
    }

    public void store(List<MetadataUpdate> updates, List<Game> names, List<PriceObservation> prices, Instant at,
            Function<PriceChange, Optional<Announcement>> announce, Optional<RunCheckpoint> run) {
        database.inTransaction(session -> {
            session.doWork(connection -> {
                database.metadata().upsert(connection, updates);
                GameRepository.fillMissingNames(connection, names);
            });
            database.prices().record(session, prices, at, announce);
            run.ifPresent(checkpoint -> session.doWork(connection -> RunRepository.raiseCounters(connection, checkpoint)));
            return null;
        });
    }
}
