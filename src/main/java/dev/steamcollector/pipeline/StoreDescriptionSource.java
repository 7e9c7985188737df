package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.StoreDescription;
import dev.steamcollector.store.StoreClient;
import java.util.List;

/** Store {@code appdetails} of one game: its description, into {@code store_details}. */
final class StoreDescriptionSource extends StorePartSource<StoreDescription> {

    /** The name of the Store descriptions in progress and summary lines. */
    static final String NAME = "Store";

    private final StoreClient store;

    StoreDescriptionSource(CollectorSetup setup, StoreClient store) {
        super(setup.database().storeDescriptionsDue(), setup);
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
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
