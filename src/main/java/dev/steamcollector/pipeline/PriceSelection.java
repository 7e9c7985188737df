package dev.steamcollector.pipeline;

import dev.steamcollector.model.PriceCandidate;
import dev.steamcollector.model.PriceCandidate.Reason;
import java.util.List;
import java.util.Locale;

/** The games one country's Store prices are asked for this run, in the order they are asked. */
record PriceSelection(String country, List<PriceCandidate> games, String allBecause) {

    PriceSelection {
        games = List.copyOf(games);
    }

    long count(Reason reason) {
        return games.stream().filter(game -> game.reason() == reason).count();
    }

    /** The summary line: how many games were asked about, and why. */
    String describe() {
        String why = allBecause != null ? "every active game (" + allBecause + ")"
                : String.format(Locale.ROOT, "%,d moved, %,d new, %,d sweep", count(Reason.MOVED),
                        count(Reason.NEW), count(Reason.SWEEP));
        return String.format(Locale.ROOT, "Store %s:  %,d %s asked about: %s", country, games.size(),
                games.size() == 1 ? "game" : "games", why);
    }
}
