package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;
import java.util.List;

/** A source whose requests are about one game each. */
abstract class OneGameSource<T> implements GameSource<T> {

    /** Fetches one game: its outcome, a failure included; only a dead endpoint or a cancelled fetch is thrown. */
    abstract FetchOutcome<T> fetch(DueGame game);

    @Override
    public final List<FetchOutcome<T>> fetch(List<DueGame> games) {
        return games.stream().map(this::fetch).toList();
    }
}
