package dev.steamcollector.pipeline;

import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.EndpointStats;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a run did, printed at its end. */
public record RunSummary(
        long runId,
        String mode,
        RunStatus status,
        Duration duration,
        RunCounters counters,
        List<SourceTally.Counts> otherSources,
        long pages,
        Map<Endpoint, EndpointStats.Snapshot> endpoints,
        String message,
        List<String> notes) {

    public RunSummary {
        otherSources = List.copyOf(otherSources);
        endpoints = Map.copyOf(endpoints);
        notes = List.copyOf(notes);
    }

    public void printTo(PrintWriter out) {
        out.printf(Locale.ROOT, "Run #%d (%s) %s in %s%s%n", runId, mode, status.dbValue(), format(duration),
                message == null ? "" : ": " + message);
        out.printf(Locale.ROOT, "  App list:  %,d games listed, %,d new, %,d deactivated%n",
                counters.gamesListed(), counters.gamesAdded(), counters.gamesDeactivated());
        if (pages > 0) {
            out.printf(Locale.ROOT, "  Pages:     %,d SteamSpy pages of figures stored%n", pages);
        }
        out.printf(Locale.ROOT, "  Details:   %,d games processed: %,d succeeded, %,d not found, %,d failed%n",
                counters.gamesProcessed(), counters.gamesSucceeded(), counters.gamesNotFound(), counters.gamesFailed());
        for (SourceTally.Counts source : otherSources) {
            out.printf(Locale.ROOT, "  %-10s %,d games processed: %,d succeeded, %,d not found, %,d failed%n",
                    source.source() + ":", source.processed(), source.succeeded(), source.notFound(), source.failed());
        }
        notes.forEach(note -> out.println("  " + note));
        endpoints.entrySet().stream()
                .filter(entry -> entry.getValue().requests() > 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> out.printf(Locale.ROOT, "  %-20s %,d requests, %,d retries, %,d throttle pauses, %,d failed%n",
                        entry.getKey().displayName() + ":", entry.getValue().requests(), entry.getValue().retries(),
                        entry.getValue().throttlePauses(), entry.getValue().failures()));
        out.flush();
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
