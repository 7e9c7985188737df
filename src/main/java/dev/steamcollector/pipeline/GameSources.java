package dev.steamcollector.pipeline;

import java.util.ArrayList;
import java.util.List;

/** The per-game sources {@code collect} plugs into the {@link PerGameEngine}. */
final class GameSources {

    private GameSources() {
    }

    /**
     * Every source a run with {@code setup} fetches from, each on its own gate: SteamSpy details, and
     * with the Store details the catalogue (when on), the descriptions and the review summaries.
     */
    static List<GameSource<?>> of(CollectorSetup setup) {
        List<GameSource<?>> sources = new ArrayList<>();
        sources.add(new SteamSpyDetailsSource(setup));
        setup.catalogue().ifPresent(catalogue -> sources.add(new CatalogueSource(setup, catalogue)));
        setup.store().ifPresent(store -> {
            sources.add(new StoreDescriptionSource(setup, store));
            sources.add(new StoreReviewSource(setup, store));
        });
        return sources;
    }
}
