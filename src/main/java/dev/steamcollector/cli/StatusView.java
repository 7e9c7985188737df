package dev.steamcollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunRecord;
import dev.steamcollector.model.StatusReport;
import dev.steamcollector.model.StoreBacklog;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link StatusReport} for people (text) or programs (JSON); the ETA of the due work is
 * at {@code detailsLimit}, the SteamSpy per-game limit that paces it. {@code store} is present
 * while the Store details are kept ({@code STORE_DETAILS}).
 */
record StatusView(String database, StatusReport report, RateLimit detailsLimit, Optional<StoreStatus> store) {

    StatusView(String database, StatusReport report, RateLimit detailsLimit) {
        this(database, report, detailsLimit, Optional.empty());
    }

    /** The Store details' backlog, and the limits that pace its two parts. */
    record StoreStatus(StoreBacklog backlog, RateLimit storeLimit, RateLimit reviewsLimit) {
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    void printText(PrintWriter out) {
        out.printf("Database:  %s%n", database);
        out.printf("Games:     %s active, %s inactive%n", count(report.activeGames()), count(report.inactiveGames()));
        out.printf("Metadata:  %s%n", describe(report.byFetchStatus()));
        out.printf("Due:       %s%n", describeDue());
        if (report.lastModified() != null) {
            out.printf("Changes:   newest store change %s; %s changed since their details%n",
                    TIME.format(report.lastModified()), count(report.changedSinceDetails())
                            + (report.changedSinceDetails() == 1 ? " game" : " games"));
        }
        store.ifPresent(status -> {
            out.printf("Store:     %s%n", describe(status.backlog().descriptions()));
            out.printf("Reviews:   %s%n", describe(status.backlog().reviews()));
            out.printf("Store due: %s descriptions%s, %s review summaries%s%n",
                    count(status.backlog().descriptionsDue()),
                    eta(status.backlog().descriptionsDue(), status.storeLimit()),
                    count(status.backlog().reviewsDue()), eta(status.backlog().reviewsDue(), status.reviewsLimit()));
        });
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
        putStatuses(root.putObject("fetchStatus"), report.byFetchStatus());
        root.put("due", report.dueGames());
        root.put("etaSeconds", etaSeconds());
        // the keyed app list's last_modified: when the newest change to an active game's store data was
        root.put("lastModified", report.lastModified() == null ? null : report.lastModified().toString());
        root.put("changedSinceDetails", report.changedSinceDetails());
        ObjectNode storeNode = root.putObject("store");
        storeNode.put("enabled", store.isPresent());
        store.ifPresent(status -> {
            StoreBacklog backlog = status.backlog();
            putStatuses(storeNode.putObject("descriptions"), backlog.descriptions());
            putStatuses(storeNode.putObject("reviews"), backlog.reviews());
            storeNode.put("descriptionsDue", backlog.descriptionsDue());
            storeNode.put("descriptionsEtaSeconds", etaSeconds(backlog.descriptionsDue(), status.storeLimit()));
            storeNode.put("reviewsDue", backlog.reviewsDue());
            storeNode.put("reviewsEtaSeconds", etaSeconds(backlog.reviewsDue(), status.reviewsLimit()));
        });
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

    private String describeDue() {
        long due = report.dueGames();
        String games = count(due) + (due == 1 ? " game's details" : " games' details");
        return due == 0 ? games : games + " (about " + formatEta(etaSeconds()) + " at " + detailsLimit + ")";
    }

    /** How long the due details take when the limit is used in full, in whole seconds rounded up. */
    private long etaSeconds() {
        return etaSeconds(report.dueGames(), detailsLimit);
    }

    private static long etaSeconds(long due, RateLimit limit) {
        // in whole milliseconds, not perSecond(): 3 games at 2/minute is 90 s, not 90.00000000000001
        return Math.ceilDiv(Math.multiplyExact(due, limit.period().toMillis()), Math.multiplyExact(limit.permits(), 1000L));
    }

    private static String eta(long due, RateLimit limit) {
        return due == 0 ? "" : " (about " + formatEta(etaSeconds(due, limit)) + " at " + limit + ")";
    }

    private static String describe(Map<FetchStatus, Long> counts) {
        StringBuilder statuses = new StringBuilder();
        for (FetchStatus status : FetchStatus.values()) {
            statuses.append(statuses.isEmpty() ? "" : ", ")
                    .append(status.dbValue()).append(' ').append(count(counts.get(status)));
        }
        return statuses.toString();
    }

    private static void putStatuses(ObjectNode node, Map<FetchStatus, Long> counts) {
        for (FetchStatus status : FetchStatus.values()) {
            node.put(status.dbValue(), counts.get(status));
        }
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

    /** Hours and minutes, rounded to the minute, from an hour up; minutes and seconds below. */
    private static String formatEta(long seconds) {
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        long minutes = (seconds + 30) / 60;
        return String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }

    private static String count(Long value) {
        return String.format(Locale.ROOT, "%,d", value == null ? 0 : value);
    }
}
