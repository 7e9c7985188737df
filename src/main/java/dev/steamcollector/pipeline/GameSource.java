package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import java.util.List;
import java.util.function.Function;

/**
 * One source of per-game data plugged into the {@link PerGameEngine}: its name in progress and
 * summary lines, which games are due, how one game is fetched and where a batch of outcomes goes.
 */
public record GameSource<T>(String name, Function<DueSelection, List<DueGame>> due, GameFetcher<T> fetcher,
        BatchSink<T> sink) {
}
