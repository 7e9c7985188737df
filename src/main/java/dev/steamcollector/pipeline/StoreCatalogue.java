package dev.steamcollector.pipeline;

import dev.steamcollector.http.RetryPolicy;
import dev.steamcollector.store.StoreBrowseClient;

/**
 * The Store catalogue as {@code collect} reads it: the client, the country whose data it asks for
 * (the first of {@code STORE_COUNTRY_CODES}), games a request, and the backoff before an asked game
 * missing from an answer is asked again.
 */
public record StoreCatalogue(StoreBrowseClient client, String countryCode, int gamesPerRequest, RetryPolicy retries) {
}
