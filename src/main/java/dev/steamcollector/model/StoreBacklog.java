package dev.steamcollector.model;

import java.util.Map;

/**
 * Where the Store details of the active games stand: how many descriptions and review summaries
 * have each fetch status (never asked counts as pending), and how many are due now.
 */
public record StoreBacklog(Map<FetchStatus, Long> descriptions, long descriptionsDue, Map<FetchStatus, Long> reviews,
        long reviewsDue) {

    public StoreBacklog {
        descriptions = Map.copyOf(descriptions);
        reviews = Map.copyOf(reviews);
    }
}
