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
 * metadata), names and change numbers updated, returning games reactivated, and, after a complete
 * list, missing games deactivated as far as the {@link ListShrinkGuard} believes the list.
 */
public final class AppListCollector {

    /**
     * Games stored a transaction: the list is idempotent, so a killed run loses nothing, and on SQLite
     * 5,000 a commit store the 272,859-game keyed list in a quarter less time than 1,000.
     */
    private static final int TRANSACTION_SIZE = 5_000;

    private static final Logger log = LoggerFactory.getLogger(AppListCollector.class);

    private final GameRepository games;
    private final MetadataRepository metadata;
    private final Clock clock;
    private final ListShrinkGuard guard;
    private final PriceRecorder prices;

    public AppListCollector(GameRepository games, MetadataRepository metadata, PriceRecorder prices, Clock clock,
            int maxShrinkPercent) {
        this.games = games;
        this.metadata = metadata;
        this.prices = prices;
        this.clock = clock;
        this.guard = new ListShrinkGuard(maxShrinkPercent);
    }

    /** Collects the whole list from {@code source}; throws, having stored what arrived, when it fails part-way. */
    public void collect(AppListSource source, RunTally tally) {
        log.info("App list from {}", source.description());
        tally.appListFrom(source.description());
        BitSet seen = new BitSet();
        boolean wholeList = source.fetchAll(batch -> store(batch, seen, tally));
        source.skippedBecause().ifPresent(tally::appListSkipped);
        if (wholeList) {
            tally.deactivated(deactivateMissing(seen, source.inAppIdOrder()));
        }
    }

    /** Stores a batch; the run's new games are counted as their transactions commit, also when the list stops part-way. */
    private void store(AppListBatch batch, BitSet seen, RunTally tally) {
        Instant now = now();
        List<Game> list = batch.games();
        for (int from = 0; from < list.size(); from += TRANSACTION_SIZE) {
            tally.added(games.upsertGames(list.subList(from, Math.min(list.size(), from + TRANSACTION_SIZE)), now));
        }
        for (int from = 0; from < batch.pageMetadata().size(); from += TRANSACTION_SIZE) {
            List<GameMetadata> figures = batch.pageMetadata().subList(from,
                    Math.min(batch.pageMetadata().size(), from + TRANSACTION_SIZE));
            metadata.upsertPageData(figures, now);
            prices.recordSteamSpy(figures, now);
        }
        long before = seen.cardinality();
        list.forEach(game -> seen.set(game.appId()));
        tally.listed(seen.cardinality() - before);
    }

    private long deactivateMissing(BitSet seen, boolean inAppIdOrder) {
        ListShrinkGuard.Verdict verdict = guard.judge(games.findActiveAppIds(), seen,
                games::findMissingActiveAppIds, inAppIdOrder);
        Instant now = now();
        games.markMissing(verdict.mark(), now);
        games.deactivate(verdict.deactivate(), now);
        explain(verdict);
        return verdict.deactivate().cardinality();
    }

    private static void explain(ListShrinkGuard.Verdict verdict) {
        long gone = verdict.missing();
        long active = verdict.active();
        ListShrinkGuard.Run run = verdict.run();
        switch (verdict.shape()) {
            case COMPLETE -> { }
            case USUAL -> log.info("Deactivated {} games no longer in the app list", gone);
            case FAR_TOO_MANY -> log.warn("The app list lacks {} of the {} active games, more than a quarter: "
                    + "deactivating none of them in case the list is wrong", gone, active);
            case TRUNCATED -> log.warn("The app list lacks {} of the {} active games, {} of them in one run ({}, "
                    + "appids {} to {}): it looks truncated, so none is deactivated", gone, active, run.length(),
                    run.tail() ? "its tail" : "a page missing", run.firstAppId(), run.lastAppId());
            case SCATTERED -> log.info("Deactivated {} games no longer in the app list ({} of the {} active, "
                    + "missing all over the appid range: delistings, not a truncated list)", gone, gone, active);
            case UNCONFIRMED -> log.warn("The app list lacks {} of the {} active games: {} deactivated (missing from "
                    + "the previous complete list too), {} kept until the next complete list confirms them", gone,
                    active, verdict.deactivate().cardinality(), verdict.mark().cardinality());
        }
    }

    private Instant now() {
        // stored timestamps have millisecond precision: compare like with like
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
