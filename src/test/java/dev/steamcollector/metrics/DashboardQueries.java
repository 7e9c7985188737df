package dev.steamcollector.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The queries of the shipped Grafana dashboard, its variables filled in as Grafana would. */
final class DashboardQueries {

    private final JsonNode dashboard;
    private final String job;
    private final String rateInterval;
    private final String range;

    DashboardQueries(String job, String rateInterval, String range) {
        try {
            this.dashboard = new ObjectMapper().readTree(Path.of("config/grafana-dashboard.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.job = job;
        this.rateInterval = rateInterval;
        this.range = range;
    }

    String pipelineStatus() {
        return query("Pipeline status");
    }

    String timeSinceLastSuccess() {
        return query("Time since last success");
    }

    String gamesPerMinute() {
        return query("Games processed per minute by status");
    }

    String gamesInRange() {
        return query("Games processed in the time range");
    }

    String failureRatio() {
        return query("API failure ratio by endpoint");
    }

    /** The first query of the panel titled {@code title}. */
    private String query(String title) {
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("title").asText().equals(title)) {
                return panel.path("targets").path(0).path("expr").asText()
                        .replace("$job", job)
                        .replace("$__rate_interval", rateInterval)
                        .replace("$__range", range);
            }
        }
        throw new IllegalArgumentException("no panel titled " + title);
    }
}
