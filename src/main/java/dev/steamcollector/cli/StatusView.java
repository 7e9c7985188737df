package dev.steamcollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunRecord;
import dev.steamcollector.model.StatusReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders a {@link StatusReport} for people (text) or programs (JSON). */
record StatusView(String database, StatusReport report) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    void printText(PrintWriter out) {
        out.printf("Database:  %s%n", database);
        out.printf("Games:     %s active, %s inactive%n", count(report.activeGames()), count(report.inactiveGames()));
        StringBuilder statuses = new StringBuilder();
        for (FetchStatus status : FetchStatus.values()) {
            statuses.append(statuses.isEmpty() ? "" : ", ")
                    .append(status.dbValue()).append(' ').append(count(report.byFetchStatus().get(status)));
        }
        out.printf("Metadata:  %s%n", statuses);
        if (report.lastRuns().isEmpty()) {
            out.println("Runs:      none yet");
        } else {
            out.println("Last runs:");
            report.lastRuns().forEach(run -> out.println("  " + describe(run)));
        }
        out.flush();
    }

    void printJson(PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("database", database);
        ObjectNode games = root.putObject("games");
        games.put("active", report.activeGames());
        games.put("inactive", report.inactiveGames());
        ObjectNode statuses = root.putObject("fetchStatus");
        for (FetchStatus status : FetchStatus.values()) {
            statuses.put(status.dbValue(), report.byFetchStatus().get(status));
        }
        ArrayNode runs = root.putArray("runs");
        for (RunRecord run : report.lastRuns()) {
            ObjectNode node = runs.addObject();
            node.put("id", run.id());
            node.put("mode", run.mode());
            node.put("status", run.status().dbValue());
            node.put("startedAt", run.startedAt().toString());
            node.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
            node.set("counters", mapper.valueToTree(run.counters()));
            node.put("message", run.message());
        }
        out.println(root.toPrettyString());
        out.flush();
    }

    private static String describe(RunRecord run) {
        RunCounters c = run.counters();
        String duration = run.finishedAt() == null ? "still running or killed"
                : format(Duration.between(run.startedAt(), run.finishedAt()));
        String line = String.format(Locale.ROOT, "#%d %-16s %-11s %s  %s  listed %s, processed %s (%s ok, %s not found, %s failed)",
                run.id(), run.mode(), run.status().dbValue(), TIME.format(run.startedAt()), duration,
                count(c.gamesListed()), count(c.gamesProcessed()), count(c.gamesSucceeded()),
                count(c.gamesNotFound()), count(c.gamesFailed()));
        return run.message() == null ? line : line + " - " + run.message();
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    private static String count(Long value) {
        return String.format(Locale.ROOT, "%,d", value == null ? 0 : value);
    }
}
