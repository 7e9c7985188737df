package dev.steamcollector.pipeline;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import java.util.List;

/**
 * A slice of the app list as it arrives: the games, and the figures the source carried along for
 * them (a SteamSpy page carries owners, reviews, playtime and prices; the Steam list carries none).
 */
public record AppListBatch(List<Game> games, List<GameMetadata> pageMetadata) {

    public AppListBatch {
        games = List.copyOf(games);
        pageMetadata = List.copyOf(pageMetadata);
    }
}
