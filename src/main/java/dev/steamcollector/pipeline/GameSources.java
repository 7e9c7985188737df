package dev.steamcollector.pipeline;

import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import dev.steamcollector.steamspy.SteamSpyRecord;
import dev.steamcollector.store.StoreClient;
import java.util.ArrayList;
import java.util.List;

/** The per-game sources {@code collect} plugs into the {@link PerGameEngine}. */
final class GameSources {

    private GameSources() {
    }

    /** The name of the Store descriptions in progress and summary lines. */
    static final String STORE = "Store";
    /** The name of the Store review summaries in progress and summary lines. */
    static final String REVIEWS = "Reviews";

    /** Every source a run with {@code setup} fetches from, each on its own gate. */
    static List<GameSource<?>> of(CollectorSetup setup) {
        List<GameSource<?>> sources = new ArrayList<>();
        sources.add(steamSpyDetails(setup));
        setup.store().ifPresent(store -> {
            sources.add(storeDescriptions(setup, store));
            sources.add(storeReviews(setup, store));
        });
        return sources;
    }

    /** SteamSpy {@code appdetails}: genre, languages, tags and fresh figures, into {@code game_metadata}. */
    static GameSource<SteamSpyRecord> steamSpyDetails(CollectorSetup setup) {
        FetchAttempt attempt = setup.attempt();
        return new GameSource<>(RunTally.DETAILS, setup.database().metadata()::findDue,
                game -> attempt.of(game, setup.steamSpy()::fetchDetails),
                new DetailsSink(setup.database().detailsBatches(), setup.prices()));
    }

    /** Store {@code appdetails} of one game: its description, into {@code store_details}. */
    static GameSource<StoreDescription> storeDescriptions(CollectorSetup setup, StoreClient store) {
        FetchAttempt attempt = setup.attempt();
        return new GameSource<>(STORE, setup.database().storeDescriptionsDue()::findDue,
                game -> attempt.of(game, store::fetchDescription), setup.database().storeDetails()::storeDescriptions);
    }

    /** Store {@code appreviews}: the review summary, into {@code store_details}. */
    static GameSource<ReviewSummary> storeReviews(CollectorSetup setup, StoreClient store) {
        FetchAttempt attempt = setup.attempt();
        return new GameSource<>(REVIEWS, setup.database().storeReviewsDue()::findDue,
                game -> attempt.of(game, store::fetchReviews), setup.database().storeDetails()::storeReviews);
    }
}
