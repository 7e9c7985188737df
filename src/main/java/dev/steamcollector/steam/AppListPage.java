package dev.steamcollector.steam;

import dev.steamcollector.model.Game;
import java.util.List;

/** One page of the Steam app list; {@code haveMore} is false on the last page. */
public record AppListPage(List<Game> apps, boolean haveMore, int lastAppId) {

    public AppListPage {
        apps = List.copyOf(apps);
    }
}
