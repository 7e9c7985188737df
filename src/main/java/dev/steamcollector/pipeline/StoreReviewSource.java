package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.persistence.StoreBacklogRepository;
import dev.steamcollector.persistence.StoreDetailsRepository;
import dev.steamcollector.store.StoreClient;
import java.util.List;

/** Store {@code appreviews} of one game: its review summary, into {@code store_details}. */
final class StoreReviewSource extends OneGameSource<ReviewSummary> {

    /** The name of the Store review summaries in progress and summary lines. */
    static final String NAME = "Reviews";

    private final StoreBacklogRepository due;
    private final StoreDetailsRepository details;
    private final StoreClient store;
    private final FetchAttempt attempt;

    StoreReviewSource(CollectorSetup setup, StoreClient store) {
        this.due = setup.database().storeReviewsDue();
        this.details = setup.database().storeDetails();
        this.store = store;
        this.attempt = setup.attempt();
    }

    @Override
    public boolean describesTheStore() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<DueGame> findDue(DueSelection selection) {
        return due.findDue(selection);
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
