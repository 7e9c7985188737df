package dev.steamcollector.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steamcollector.model.DataAge;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The freshness part of {@code status}: for each source, how old the active games' data is. */
record FreshnessView(List<DataAge> ages) {

    private static final Map<String, String> NAMES = Map.of(DataAge.APP_LIST, "App list",
            DataAge.STEAMSPY_PAGES, "SteamSpy pages", DataAge.STEAMSPY_DETAILS, "SteamSpy details",
            DataAge.CATALOGUE, "Store catalogue", DataAge.APPDETAILS, "Store appdetails",
            DataAge.REVIEWS, "Review summaries");

    void printText(PrintWriter out) {
        if (ages.isEmpty()) {
            return;
        }
        out.println("Freshness: age of the active games' data (median / 95% / oldest)");
        for (DataAge age : ages) {
            String figures = age.median().isEmpty() ? "no data yet"
                    : format(age.median()) + " / " + format(age.p95()) + " / " + format(age.oldest());
            String never = age.never() > 0 && age.games() > 0
                    ? String.format(Locale.ROOT, " (%,d games without any)", age.never()) : "";
            out.printf(Locale.ROOT, "  %-19s %s%s%n", name(age.source()), figures, never);
        }
    }

    void putJson(ArrayNode node) {
        for (DataAge age : ages) {
            ObjectNode source = node.addObject();
            source.put("source", age.source());
            source.put("games", age.games());
            source.put("never", age.never());
            source.put("medianSeconds", age.median().map(Duration::toSeconds).orElse(null));
            source.put("p95Seconds", age.p95().map(Duration::toSeconds).orElse(null));
            source.put("oldestSeconds", age.oldest().map(Duration::toSeconds).orElse(null));
        }
    }

    private static String name(String source) {
        return NAMES.getOrDefault(source, source.startsWith("prices_")
                ? "Store prices " + source.substring("prices_".length()).toUpperCase(Locale.ROOT) : source);
    }

    /** Days and hours from a day up, hours and minutes from an hour, minutes and seconds below. */
    static String format(Optional<Duration> age) {
        long seconds = age.orElseThrow().toSeconds();
        if (seconds >= 86_400) {
            return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
        }
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
