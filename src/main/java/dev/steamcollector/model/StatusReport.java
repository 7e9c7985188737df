package dev.steamcollector.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code status} shows: metadata outcomes, active and inactive games, how many games' details
 * are due now, the latest runs, and from the keyed app list the newest {@code last_modified} of an
 * active game (null without a key) and how many active games changed since their details were fetched.
 */
public record StatusReport(
        Map<FetchStatus, Long> byFetchStatus,
        long activeGames,
        long inactiveGames,
        long dueGames,
        List<RunRecord> lastRuns,
        Instant lastModified,
        long changedSinceDetails) {

    public StatusReport {
        byFetchStatus = Map.copyOf(byFetchStatus);
        lastRuns = List.copyOf(lastRuns);
    }

    public long totalGames() {
        return activeGames + inactiveGames;
    }
}
