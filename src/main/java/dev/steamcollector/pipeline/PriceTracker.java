package dev.steamcollector.pipeline;

import dev.steamcollector.persistence.Database;
import dev.steamcollector.steam.SteamWebApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code prices} run: with a key, first the app list (a few Web API requests), which brings
 * every game's current {@code price_change_number} and is stored as {@code collect} stores it; then
 * the Store prices of the games that changed, are new or are due in the sweep. Without a key there
 * are no change numbers, and every active game is asked about.
 */
public final class PriceTracker {

    private static final Logger log = LoggerFactory.getLogger(PriceTracker.class);

    private final PriceSetup setup;
    private final StopSignal stop;

    public PriceTracker(PriceSetup setup, StopSignal stop) {
        this.setup = setup;
        this.stop = stop;
    }

    public void run(PriceOptions options, RunTally tally) {
        Database db = setup.database();
        PriceRecorder recorder = new PriceRecorder(db.prices(), setup.alertRules());
        String allBecause = options.all() ? "--all" : null;
        if (setup.steam().isPresent()) {
            new AppListCollector(db.games(), db.metadata(), recorder, setup.clock(),
                    setup.maxListShrinkPercent())
                    .collect(new SteamAppListSource(setup.steam().get(), SteamWebApiClient.MAX_RESULTS), tally);
        } else if (!options.all()) {
            log.warn("No STEAM_API_KEY: without the app list's change numbers every active game is asked about");
            allBecause = "no STEAM_API_KEY";
        }
        if (!stop.requested()) {
            new StorePriceCollector(setup.store(), db.priceChecks(), recorder, setup.clock(), stop)
                    .collect(options, allBecause, tally);
        }
    }
}
