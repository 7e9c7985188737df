package dev.steamcollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.http.Endpoint;
import dev.steamcollector.model.EventBacklog;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.NotificationCounts;
import dev.steamcollector.model.RememberedPace;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunRecord;
import dev.steamcollector.model.StatusReport;
import dev.steamcollector.model.StoreBacklog;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link StatusReport} for people (text) or programs (JSON); the ETA of the due work is
 * at the pace in force of the endpoint that does it: {@code detailsLimit} (the SteamSpy per-game
 * limit) or the Store's, unless {@code paces} says the endpoint was slowed. {@code paces} are the paces a
 * run started now would use, next to the configured limits. {@code store} is present while the
 * Store details are kept ({@code STORE_DETAILS}).
 */
record StatusView(String database, StatusReport report, RateLimit detailsLimit, List<Pace> paces,
        Optional<StoreStatus> store, FreshnessView freshness) {

    StatusView(String database, StatusReport report, RateLimit detailsLimit, List<Pace> paces,
            Optional<StoreStatus> store) {
        this(database, report, detailsLimit, paces, store, new FreshnessView(List.of()));
    }

    StatusView(String database, StatusReport report, RateLimit detailsLimit, List<Pace> paces) {
        this(database, report, detailsLimit, paces, Optional.empty());
    }

    StatusView(String database, StatusReport report, RateLimit detailsLimit) {
        this(database, report, detailsLimit, List.of(), Optional.empty());
    }

    /** The Store details' backlog, the limits that pace its two parts, and the catalogue's when it is on. */
    record StoreStatus(StoreBacklog backlog, RateLimit storeLimit, RateLimit reviewsLimit,
            Optional<CatalogueStatus> catalogue) {

        StoreStatus(StoreBacklog backlog, RateLimit storeLimit, RateLimit reviewsLimit) {
            this(backlog, storeLimit, reviewsLimit, Optional.empty());
        }
    }

    /** The catalogue's games by status, those due, its limit and the games one request describes. */
    record CatalogueStatus(Map<FetchStatus, Long> games, long due, RateLimit limit, int gamesPerRequest) {

        long requestsDue() {
            return Math.ceilDiv(due, gamesPerRequest);
        }
    }

    /** An endpoint's pace in force (requests per second) under its configured limit, and when it was last slowed. */
    record Pace(Endpoint endpoint, RateLimit limit, double perSecond, Optional<Instant> slowedAt) {

        /** Every endpoint's pace at {@code now}: its remembered pace recovered since, or its configured limit. */
        static List<Pace> inForce(List<RememberedPace> remembered, ApiSettings api, Instant now) {
            return Arrays.stream(Endpoint.values()).map(endpoint -> {
                RateLimit limit = endpoint.limitIn(api);
                return remembered.stream().filter(memory -> memory.endpoint().equals(endpoint.label())).findFirst()
                        .map(memory -> memory.recoveredAt(now, limit.perSecond()))
                        .map(memory -> new Pace(endpoint, limit, memory.perSecond(), memory.slowedAt()))
                        .orElse(new Pace(endpoint, limit, limit.perSecond(), Optional.empty()));
            }).toList();
        }

        boolean slowed() {
            return perSecond < limit.perSecond();
        }
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
            status.catalogue().ifPresent(catalogue -> out.printf("Catalogue: %s described, %s not found, %s failed;"
                    + " %s due%s%n", count(catalogue.games().get(FetchStatus.SUCCESS)),
                    count(catalogue.games().get(FetchStatus.NOT_FOUND)), count(catalogue.games().get(FetchStatus.FAILED)),
                    count(catalogue.due()), eta(catalogue.requestsDue(), Endpoint.STORE_CATALOGUE, catalogue.limit())));
            out.printf("Store:     %s%n", describe(status.backlog().descriptions()));
            out.printf("Reviews:   %s%n", describe(status.backlog().reviews()));
            out.printf("Store due: %s descriptions%s, %s review summaries%s%n",
                    count(status.backlog().descriptionsDue()),
                    eta(status.backlog().descriptionsDue(), Endpoint.STORE, status.storeLimit()),
                    count(status.backlog().reviewsDue()),
                    eta(status.backlog().reviewsDue(), Endpoint.STORE_REVIEWS, status.reviewsLimit()));
        });
        freshness.printText(out);
        NotificationCounts queue = report.notifications();
        if (queue.queued() > 0 || queue.setAside() > 0) {
            out.printf("Discord:   %s queued, %s set aside%s%n", count(queue.queued()), count(queue.setAside()),
                    queue.latestRefusal().map(reason -> " (latest refused: " + reason + ")").orElse(""));
        }
        EventBacklog events = report.events();
        if (events.waiting() > 0) {
            out.printf("Events:    %s waiting for Kafka%s%n", count(events.waiting()),
                    events.oldest().map(oldest -> ", the oldest since " + TIME.format(oldest)).orElse(""));
        }
        out.println("Pace:");
        paces.forEach(pace -> out.printf(Locale.ROOT, "  %-19s %s%n", pace.endpoint().displayName(), describe(pace)));
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
        ObjectNode notifications = root.putObject("notifications");
        notifications.put("queued", report.notifications().queued());
        notifications.put("setAside", report.notifications().setAside());
        notifications.put("latestRefusal", report.notifications().latestRefusal().orElse(null));
        ObjectNode events = root.putObject("events");
        events.put("waiting", report.events().waiting());
        events.put("oldestWaiting", report.events().oldest().map(Instant::toString).orElse(null));
        ArrayNode paceNodes = root.putArray("pace");
        for (Pace pace : paces) {
            ObjectNode node = paceNodes.addObject();
            node.put("endpoint", pace.endpoint().label());
            node.put("perSecond", pace.perSecond());
            node.put("limit", pace.limit().toString());
            node.put("limitPerSecond", pace.limit().perSecond());
            node.put("slowedAt", pace.slowedAt().map(Instant::toString).orElse(null));
        }
        ObjectNode storeNode = root.putObject("store");
        storeNode.put("enabled", store.isPresent());
        store.ifPresent(status -> {
            StoreBacklog backlog = status.backlog();
            putStatuses(storeNode.putObject("descriptions"), backlog.descriptions());
            putStatuses(storeNode.putObject("reviews"), backlog.reviews());
            storeNode.put("descriptionsDue", backlog.descriptionsDue());
            storeNode.put("descriptionsEtaSeconds",
                    etaSeconds(backlog.descriptionsDue(), Endpoint.STORE, status.storeLimit()));
            storeNode.put("reviewsDue", backlog.reviewsDue());
            storeNode.put("reviewsEtaSeconds",
                    etaSeconds(backlog.reviewsDue(), Endpoint.STORE_REVIEWS, status.reviewsLimit()));
            status.catalogue().ifPresent(catalogue -> {
                ObjectNode node = storeNode.putObject("catalogue");
                putStatuses(node, catalogue.games());
                node.put("due", catalogue.due());
                node.put("etaSeconds", etaSeconds(catalogue.requestsDue(), Endpoint.STORE_CATALOGUE, catalogue.limit()));
            });
        });
        freshness.putJson(root.putArray("freshness"));
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

    private static String describe(Pace pace) {
        if (!pace.slowed()) {
            return pace.limit() + ", the configured limit";
        }
        String slowed = pace.slowedAt().map(at -> ", slowed " + TIME.format(at)).orElse("");
        return String.format(Locale.ROOT, "%s, %.0f%% of %s (climbing back%s)", pace.limit().formatRate(pace.perSecond()),
                100 * pace.perSecond() / pace.limit().perSecond(), pace.limit(), slowed);
    }

    private String describeDue() {
        long due = report.dueGames();
        String games = count(due) + (due == 1 ? " game's details" : " games' details");
        return games + eta(due, Endpoint.STEAMSPY, detailsLimit);
    }

    /** How long the due details take at the SteamSpy pace in force, in whole seconds rounded up. */
    private long etaSeconds() {
        return etaSeconds(report.dueGames(), Endpoint.STEAMSPY, detailsLimit);
    }

    /** How long {@code due} requests take at {@code endpoint}'s pace in force (its limit unless it was slowed). */
    private long etaSeconds(long due, Endpoint endpoint, RateLimit limit) {
        Optional<Pace> slowed = slowedPace(endpoint);
        if (slowed.isPresent()) {
            return (long) Math.ceil(due / slowed.get().perSecond());
        }
        // in whole milliseconds, not perSecond(): 3 games at 2/minute is 90 s, not 90.00000000000001
        return Math.ceilDiv(Math.multiplyExact(due, limit.period().toMillis()), Math.multiplyExact(limit.permits(), 1000L));
    }

    private String eta(long due, Endpoint endpoint, RateLimit limit) {
        if (due == 0) {
            return "";
        }
        String at = slowedPace(endpoint).map(pace -> pace.limit().formatRate(pace.perSecond()) + ", the pace in force")
                .orElse(limit.toString());
        return " (about " + formatEta(etaSeconds(due, endpoint, limit)) + " at " + at + ")";
    }

    private Optional<Pace> slowedPace(Endpoint endpoint) {
        return paces.stream().filter(pace -> pace.endpoint() == endpoint && pace.slowed()).findFirst();
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
