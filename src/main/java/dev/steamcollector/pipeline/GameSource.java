package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchOutcome;
import java.util.List;

/**
 * One source of per-game data the {@link PerGameEngine} runs: its name in progress and summary
 * lines, which games are due, how one request's games are fetched, and (as a {@link BatchSink})
 * where a batch of outcomes goes.
 */
public interface GameSource<T> extends BatchSink<T> {

    String name();

    /** The games due by {@code selection}, in the order they should be fetched. */
    List<DueGame> findDue(DueSelection selection);

    /** Whether the source asks the Store about one game a request (a first run asks the catalogue first). */
    default boolean describesTheStore() {
        return false;
    }

    /** How many games one request asks about: the engine hands {@link #fetch} that many at most. */
    default int gamesPerRequest() {
        return 1;
    }

    /**
     * Fetches {@code games} in one request: an outcome for each game the request settled, a failure
     * included. Only a dead endpoint ({@link dev.steamcollector.http.FetchException.EndpointDown})
     * or a cancelled fetch ({@link java.util.concurrent.CancellationException}) is thrown.
     */
    List<FetchOutcome<T>> fetch(List<DueGame> games);
}
