package dev.steamcollector.pipeline;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.persistence.GameRepository;
import dev.steamcollector.persistence.MetadataRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the {@code games} table up to date with an app list: new games in (with pending
 * metadata), names updated, returning games reactivated, and, only after a complete list that did
 * not shrink suspiciously, missing games deactivated.
 */
public final class AppListCollector {

    private static final Logger log = LoggerFactory.getLogger(AppListCollector.class);

    private final GameRepository games;
    private final MetadataRepository metadata;
    private final Clock clock;
    private final int transactionSize;
    private final int maxShrinkPercent;
    private final PriceRecorder prices;

    public AppListCollector(GameRepository games, MetadataRepository metadata, PriceRecorder prices, Clock clock,
            int transactionSize, int maxShrinkPercent) {
        this.games = games;
        this.metadata = metadata;
        this.prices = prices;
        this.clock = clock;
        this.transactionSize = transactionSize;
        this.maxShrinkPercent = maxShrinkPercent;
    }

    /** Collects the whole list from {@code source}; throws, having stored what arrived, when it fails part-way. */
    public void collect(AppListSource source, RunTally tally) {
        log.info("App list from {}", source.description());
        Instant started = now();
        BitSet seen = new BitSet();
        boolean wholeList;
        try {
            wholeList = source.fetchAll(batch -> store(batch, seen, tally));
        } finally {
            tally.added(games.countCreatedSince(started));
        }
        if (wholeList) {
            tally.deactivated(deactivateMissing(seen));
        }
    }

    private void store(AppListBatch batch, BitSet seen, RunTally tally) {
        Instant now = now();
        List<Game> list = batch.games();
        for (int from = 0; from < list.size(); from += transactionSize) {
            games.upsertGames(list.subList(from, Math.min(list.size(), from + transactionSize)), now);
        }
        for (int from = 0; from < batch.pageMetadata().size(); from += transactionSize) {
            List<GameMetadata> figures = batch.pageMetadata().subList(from,
                    Math.min(batch.pageMetadata().size(), from + transactionSize));
            metadata.upsertPageData(figures, now);
            prices.recordSteamSpy(figures, now);
        }
        long before = seen.cardinality();
        list.forEach(game -> seen.set(game.appId()));
        tally.listed(seen.cardinality() - before);
    }

    private long deactivateMissing(BitSet seen) {
        BitSet missing = games.findActiveAppIds();
        long active = missing.cardinality();
        missing.andNot(seen);
        long gone = missing.cardinality();
        if (gone == 0) {
            return 0;
        }
        if (gone * 100 > active * maxShrinkPercent) {
            log.warn("The app list lacks {} of the {} active games, more than MAX_LIST_SHRINK={}%: "
                    + "deactivating none of them in case the list is wrong", gone, active, maxShrinkPercent);
            return 0;
        }
        games.deactivate(missing, now());
        log.info("Deactivated {} games no longer in the app list", gone);
        return gone;
    }

    private Instant now() {
        // stored timestamps have millisecond precision: compare like with like
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
