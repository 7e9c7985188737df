package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.StoreDescription;
import dev.steamcollector.persistence.StoreBacklogRepository;
import dev.steamcollector.persistence.StoreDetailsRepository;
import dev.steamcollector.store.StoreClient;
import java.util.List;

/** Store {@code appdetails} of one game: its description, into {@code store_details}. */
final class StoreDescriptionSource extends OneGameSource<StoreDescription> {

    /** The name of the Store descriptions in progress and summary lines. */
    static final String NAME = "Store";

    private final StoreBacklogRepository due;
    private final StoreDetailsRepository details;
    private final StoreClient store;
    private final FetchAttempt attempt;

    StoreDescriptionSource(CollectorSetup setup, StoreClient store) {
        this.due = setup.database().storeDescriptionsDue();
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
    FetchOutcome<StoreDescription> fetch(DueGame game) {
        return attempt.of(game, store::fetchDescription);
    }

    @Override
    public void store(List<FetchOutcome<StoreDescription>> batch) {
        details.storeDescriptions(batch);
    }
}
