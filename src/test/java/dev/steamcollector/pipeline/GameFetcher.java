package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;

/**
 * How a test source fetches one game. Every answer, a failure included, is an outcome; only a dead
 * endpoint ({@link dev.steamcollector.http.FetchException.EndpointDown}) or a cancelled fetch
 * ({@link java.util.concurrent.CancellationException}) is thrown.
 */
@FunctionalInterface
public interface GameFetcher<T> {

    FetchOutcome<T> fetch(DueGame game);
}
