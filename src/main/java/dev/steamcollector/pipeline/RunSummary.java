package dev.steamcollector.pipeline;

import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.EndpointStats;
import dev.steamcollector.http.PaceController;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a run did, printed at its end: per endpoint used, its requests, and when and how far its
 * pace was slowed.
 */
public record RunSummary(
        long runId,
        RunMode mode,
        RunStatus status,
        Duration duration,
        RunCounters counters,
        Optional<RunTally.AppListReport> appList,
        List<SourceTally.Counts> otherSources,
        long pages,
        Map<Endpoint, EndpointStats.Snapshot> endpoints,
        Map<Endpoint, PaceController.Snapshot> paces,
        String message,
        List<String> notes) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public RunSummary {
        otherSources = List.copyOf(otherSources);
        endpoints = Map.copyOf(endpoints);
        paces = Map.copyOf(paces);
        notes = List.copyOf(notes);
    }

    public void printTo(PrintWriter out) {
        out.printf(Locale.ROOT, "Run #%d (%s) %s in %s%s%n", runId, mode.label(), status.dbValue(), format(duration),
                message == null ? "" : ": " + message);
        // runs that do not fetch the list (prices, --update-metadata, --retry-failed, --app-ids) say nothing of it
        appList.ifPresent(list -> out.printf(Locale.ROOT, "  App list:  %s%n", list.skippedBecause()
                .map(because -> "not fetched: " + because)
                .orElse(String.format(Locale.ROOT, "%,d games listed from %s, %,d new, %,d deactivated",
                        counters.gamesListed(), list.source(), counters.gamesAdded(), counters.gamesDeactivated()))));
        if (pages > 0) {
            out.printf(Locale.ROOT, "  Pages:     %,d SteamSpy pages of figures stored%n", pages);
        }
        if (mode == RunMode.PRICES) {
            out.printf(Locale.ROOT, "  Prices:    %,d asked (a game once per country): %,d priced, %,d unknown to the Store,"
                    + " %,d failed%n", counters.gamesProcessed(), counters.gamesSucceeded(), counters.gamesNotFound(),
                    counters.gamesFailed());
        } else {
            out.printf(Locale.ROOT, "  Details:   %,d games processed: %,d succeeded, %,d not found, %,d failed%n",
                    counters.gamesProcessed(), counters.gamesSucceeded(), counters.gamesNotFound(),
                    counters.gamesFailed());
        }
        for (SourceTally.Counts source : otherSources) {
            out.printf(Locale.ROOT, "  %-10s %,d games processed: %,d succeeded, %,d not found, %,d failed%n",
                    source.source() + ":", source.processed(), source.succeeded(), source.notFound(), source.failed());
        }
        notes.forEach(note -> out.println("  " + note));
        endpoints.entrySet().stream()
                .filter(entry -> entry.getValue().requests() > 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> {
                    out.printf(Locale.ROOT, "  %-20s %,d requests, %,d retries, %,d throttle pauses, %,d failed%n",
                            entry.getKey().displayName() + ":", entry.getValue().requests(), entry.getValue().retries(),
                            entry.getValue().throttlePauses(), entry.getValue().failures());
                    describePace(paces.get(entry.getKey())).ifPresent(line -> out.printf("  %-20s %s%n", "", line));
                });
        out.flush();
    }

    /** How the endpoint's pace went, when it was ever below the configured limit. */
    static Optional<String> describePace(PaceController.Snapshot pace) {
        if (pace == null || pace.slowdowns() == 0 && pace.startPerSecond() >= pace.limit().perSecond()) {
            return Optional.empty();
        }
        var limit = pace.limit();
        StringBuilder line = new StringBuilder("pace: ");
        if (pace.startPerSecond() < limit.perSecond()) {
            line.append("started at ").append(limit.formatRate(pace.startPerSecond())).append(" (remembered), ");
        }
        if (pace.slowdowns() > 0) {
            line.append(String.format(Locale.ROOT, "slowed %d time%s from %s, at the lowest %s (%s of %s), ",
                    pace.slowdowns(), pace.slowdowns() == 1 ? "" : "s", TIME.format(pace.firstSlowedAt().orElseThrow()),
                    limit.formatRate(pace.lowestPerSecond()), percent(pace.lowestPerSecond() / limit.perSecond()),
                    limit));
        }
        return Optional.of(line.append(limit.formatRate(pace.perSecond())).append(" at the end").toString());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds % 3600 / 60, seconds % 60);
        }
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }
}
