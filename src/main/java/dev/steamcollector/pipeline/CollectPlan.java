package dev.steamcollector.pipeline;

import dev.steamcollector.pipeline.CollectOptions.Mode;

/**
 * The steps of a {@code collect} run, decided once from its options and whether an API key is set:
 * whether the keyed app list is fetched, which page pass runs, and whether only chosen games
 * ({@code --app-ids}) are fetched.
 */
record CollectPlan(boolean keyedAppList, Pages pages, boolean chosenGames) {

    /** What the SteamSpy page pass does in the run. */
    enum Pages {
        /** No page pass. */
        NONE,
        /** Without a key the pages are the app list, and carry the figures too. */
        CATALOGUE,
        /** With a key (or without the list) the pages only update the figures of known games. */
        FIGURES
    }

    static CollectPlan of(CollectOptions options, boolean apiKey) {
        if (!options.appIds().isEmpty()) {
            return new CollectPlan(false, Pages.NONE, true);
        }
        Mode mode = options.mode();
        boolean listed = mode == Mode.INCREMENTAL || mode == Mode.FULL_REFRESH;
        Pages pages = listed && !apiKey ? Pages.CATALOGUE
                : listed || mode == Mode.UPDATE_METADATA ? Pages.FIGURES : Pages.NONE;
        return new CollectPlan(listed && apiKey, pages, false);
    }

    /** Whether the page pass starts afresh however recent the last one. */
    static boolean forced(CollectOptions options) {
        return options.mode() == Mode.FULL_REFRESH;
    }
}
