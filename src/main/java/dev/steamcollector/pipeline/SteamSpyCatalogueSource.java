package dev.steamcollector.pipeline;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.steamspy.SteamSpyRecord;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SteamSpy's {@code all} pages as the list of games, for runs without a Steam API key. The same
 * pages carry each game's figures, handed on with the games so they are fetched only once.
 */
public final class SteamSpyCatalogueSource implements AppListSource {

    private static final Logger log = LoggerFactory.getLogger(SteamSpyCatalogueSource.class);

    private final SteamSpyPagePass pass;
    private final boolean force;
    private volatile boolean skipped;

    /** {@code force}: run a new pass even when one completed within the last 20 hours. */
    public SteamSpyCatalogueSource(SteamSpyPagePass pass, boolean force) {
        this.pass = pass;
        this.force = force;
    }

    @Override
    public boolean fetchAll(Consumer<AppListBatch> sink) {
        log.warn("No STEAM_API_KEY: the app list is limited to the games SteamSpy tracks");
        BitSet seen = new BitSet();
        SteamSpyPagePass.Outcome outcome = pass.run(force, (page, records) -> {
            List<Game> games = new ArrayList<>(records.size());
            List<GameMetadata> figures = new ArrayList<>(records.size());
            for (SteamSpyRecord record : records) {
                // about one appid in twenty appears on two pages: the first sighting counts
                if (!seen.get(record.appId())) {
                    seen.set(record.appId());
                    games.add(new Game(record.appId(), record.name()));
                    figures.add(record.metadata());
                }
            }
            sink.accept(new AppListBatch(games, figures));
            log.info("SteamSpy catalogue: page {} brought {} games ({} new to this pass)", page, records.size(),
                    games.size());
        });
        skipped = outcome.skipped();
        return outcome.wholeList();
    }

    @Override
    public Optional<String> skippedBecause() {
        return skipped ? Optional.of("the SteamSpy pages were read in full less than 20 hours ago") : Optional.empty();
    }

    @Override
    public String description() {
        return "SteamSpy all pages";
    }
}
