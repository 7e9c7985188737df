package dev.steamcollector.pipeline;

import dev.steamcollector.notify.PriceAlertRules;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.steam.SteamWebApiClient;
import dev.steamcollector.store.StoreClient;
import java.time.Clock;
import java.util.Optional;

/**
 * What a {@link PriceTracker} works with. {@code steam} is present when an API key is set: its app
 * list brings the change numbers; {@code maxListShrinkPercent} guards that list as in {@code collect}.
 */
public record PriceSetup(
        Database database,
        Optional<SteamWebApiClient> steam,
        StoreClient store,
        PriceAlertRules alertRules,
        Clock clock,
        int maxListShrinkPercent) {
}
