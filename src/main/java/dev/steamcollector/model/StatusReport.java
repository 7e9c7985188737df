package dev.steamcollector.model;

import java.util.List;
import java.util.Map;

/**
 * What {@code status} shows: metadata outcomes, active and inactive games, how many games' details
 * are due now, and the latest runs.
 */
public record StatusReport(
        Map<FetchStatus, Long> byFetchStatus,
        long activeGames,
        long inactiveGames,
        long dueGames,
        List<RunRecord> lastRuns) {

    public StatusReport {
        byFetchStatus = Map.copyOf(byFetchStatus);
        lastRuns = List.copyOf(lastRuns);
    }

    public long totalGames() {
        return activeGames + inactiveGames;
    }
}
