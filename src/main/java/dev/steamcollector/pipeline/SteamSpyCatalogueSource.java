package dev.steamcollector.pipeline;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.steamspy.SteamSpyClient;
import dev.steamcollector.steamspy.SteamSpyRecord;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SteamSpy's {@code all} pages as the list of games, for runs without a Steam API key. The same
 * pages carry each game's figures, handed on with the games so they are fetched only once.
 */
public final class SteamSpyCatalogueSource implements AppListSource {

    private static final Logger log = LoggerFactory.getLogger(SteamSpyCatalogueSource.class);

    private final SteamSpyClient client;

    public SteamSpyCatalogueSource(SteamSpyClient client) {
        this.client = client;
    }

    @Override
    public void fetchAll(Consumer<AppListBatch> sink) {
        log.warn("No STEAM_API_KEY: the app list is limited to the games SteamSpy tracks");
        BitSet seen = new BitSet();
        for (int page = 0; ; page++) {
            List<SteamSpyRecord> records = client.fetchAllPage(page);
            if (records.isEmpty()) {
                log.info("SteamSpy catalogue: {} pages, {} games", page, seen.cardinality());
                return;
            }
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
            log.info("SteamSpy catalogue: page {} brought {} games ({} new)", page, records.size(), games.size());
        }
    }

    @Override
    public String description() {
        return "SteamSpy all pages";
    }
}
