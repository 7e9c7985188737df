package dev.steamcollector.pipeline;

import dev.steamcollector.steamspy.SteamSpyRecord;
import java.util.List;

/** The per-game sources {@code collect} plugs into the {@link PerGameEngine}. */
final class GameSources {

    private GameSources() {
    }

    /** Every source a run with {@code setup} fetches from, each on its own gate. */
    static List<GameSource<?>> of(CollectorSetup setup) {
        return List.of(steamSpyDetails(setup));
    }

    /** SteamSpy {@code appdetails}: genre, languages, tags and fresh figures, into {@code game_metadata}. */
    static GameSource<SteamSpyRecord> steamSpyDetails(CollectorSetup setup) {
        FetchAttempt attempt = setup.attempt();
        return new GameSource<>(RunTally.DETAILS, setup.database().metadata()::findDue,
                game -> attempt.of(game, setup.steamSpy()::fetchDetails),
                new DetailsSink(setup.database().detailsBatches(), setup.prices()));
    }

}
