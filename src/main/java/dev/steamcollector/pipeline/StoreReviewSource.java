package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.store.StoreClient;
import java.util.List;

/** Store {@code appreviews} of one game: its review summary, into {@code store_details}. */
final class StoreReviewSource extends StorePartSource<ReviewSummary> {

    /** The name of the Store review summaries in progress and summary lines. */
    static final String NAME = "Reviews";

    private final StoreClient store;

    StoreReviewSource(CollectorSetup setup, StoreClient store) {
        super(setup.database().storeReviewsDue(), setup);
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    FetchOutcome<ReviewSummary> fetch(DueGame game) {
        return attempt.of(game, store::fetchReviews);
    }

    @Override
    public void store(List<FetchOutcome<ReviewSummary>> batch) {
        details.storeReviews(batch);
    }
}
