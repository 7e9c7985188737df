package dev.steamcollector.pipeline;

import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.notify.PriceAlertRules;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.steam.SteamWebApiClient;
import dev.steamcollector.steamspy.SteamSpyClient;
import dev.steamcollector.store.StoreClient;
import java.time.Clock;
import java.util.Optional;

/**
 * What a {@link Collector} works with. {@code steam} is present when an API key is set;
 * {@code store} when the Store details are kept ({@code STORE_DETAILS}), {@code catalogue} when they
 * are also read in bulk ({@code STORE_CATALOGUE}); {@code terminal} says
 * whether progress may be drawn as a bar; the run reports to {@code metrics}.
 */
public record CollectorSetup(
        Database database,
        HttpGateway http,
        Optional<SteamWebApiClient> steam,
        SteamSpyClient steamSpy,
        Clock clock,
        int maxListShrinkPercent,
        int retryAttempts,
        PriceAlertRules alertRules,
        boolean terminal,
        Metrics metrics,
        Optional<StoreClient> store,
        Optional<StoreCatalogue> catalogue) {

    PriceRecorder prices() {
        return new PriceRecorder(database.prices(), alertRules);
    }

    FetchAttempt attempt() {
        return new FetchAttempt(clock, new FailureBackoff(retryAttempts));
    }
}
