package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.persistence.StoreBacklogRepository;
import dev.steamcollector.persistence.StoreDetailsRepository;
import java.util.List;

/** A part of the Store details asked one game a request: which games are due for it, and where it is stored. */
abstract class StorePartSource<T> extends OneGameSource<T> {

    private final StoreBacklogRepository due;
    final StoreDetailsRepository details;
    final FetchAttempt attempt;

    StorePartSource(StoreBacklogRepository due, CollectorSetup setup) {
        this.due = due;
        this.details = setup.database().storeDetails();
        this.attempt = setup.attempt();
    }

    @Override
    public final boolean describesTheStore() {
        return true;
    }

    @Override
    public final List<DueGame> findDue(DueSelection selection) {
        return due.findDue(selection);
    }
}
