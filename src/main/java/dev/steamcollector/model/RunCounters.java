package dev.steamcollector.model;

/** The counters a run records about its work. */
public record RunCounters(
        long gamesListed,
        long gamesAdded,
        long gamesDeactivated,
        long gamesProcessed,
        long gamesSucceeded,
        long gamesNotFound,
        long gamesFailed,
        long requests,
        long retries,
        long throttlePauses) {

    public static final RunCounters NONE = new RunCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
