package dev.steamcollector.pipeline;

import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.persistence.GameRepository;
import dev.steamcollector.persistence.MetadataRepository;
import dev.steamcollector.steamspy.SteamSpyRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;

/** Stores the figures of SteamSpy pages for the games the database knows; others are not on our list. */
final class PageFigures {

    private final MetadataRepository metadata;
    private final Clock clock;
    private final int batchSize;
    private final BitSet known;
    private final PriceRecorder prices;

    PageFigures(GameRepository games, MetadataRepository metadata, PriceRecorder prices, Clock clock, int batchSize) {
        this.metadata = metadata;
        this.prices = prices;
        this.clock = clock;
        this.batchSize = batchSize;
        this.known = games.findAllAppIds();
    }

    void store(List<SteamSpyRecord> records) {
        List<GameMetadata> figures = records.stream()
                .filter(record -> known.get(record.appId()))
                .map(SteamSpyRecord::metadata)
                .toList();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (int from = 0; from < figures.size(); from += batchSize) {
            List<GameMetadata> batch = figures.subList(from, Math.min(figures.size(), from + batchSize));
            metadata.upsertPageData(batch, now);
            prices.recordSteamSpy(batch, now);
        }
    }
}
