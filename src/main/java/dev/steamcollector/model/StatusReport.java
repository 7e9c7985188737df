package dev.steamcollector.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code status} shows: metadata outcomes, active and inactive games, how many games' details
 * are due now, the latest runs, from the keyed app list the newest {@code last_modified} of an
 * active game (null without a key) and how many active games changed since their details were
 * fetched, the Discord queue, and the change events waiting for Kafka.
 */
public record StatusReport(
        Map<FetchStatus, Long> byFetchStatus,
        long activeGames,
        long inactiveGames,
        long dueGames,
        List<RunRecord> lastRuns,
        Instant lastModified,
        long changedSinceDetails,
        NotificationCounts notifications,
        EventBacklog events) {

    public StatusReport {
        byFetchStatus = Map.copyOf(byFetchStatus);
        lastRuns = List.copyOf(lastRuns);
    }

    /** A report with no change event waiting. */
    public StatusReport(Map<FetchStatus, Long> byFetchStatus, long activeGames, long inactiveGames, long dueGames,
            List<RunRecord> lastRuns, Instant lastModified, long changedSinceDetails,
            NotificationCounts notifications) {
        this(byFetchStatus, activeGames, inactiveGames, dueGames, lastRuns, lastModified, changedSinceDetails,
                notifications, EventBacklog.NONE);
    }

    /** A report with an empty Discord queue and no change event waiting. */
    public StatusReport(Map<FetchStatus, Long> byFetchStatus, long activeGames, long inactiveGames, long dueGames,
            List<RunRecord> lastRuns, Instant lastModified, long changedSinceDetails) {
        this(byFetchStatus, activeGames, inactiveGames, dueGames, lastRuns, lastModified, changedSinceDetails,
                NotificationCounts.NONE);
    }

    public long totalGames() {
        return activeGames + inactiveGames;
    }
}
