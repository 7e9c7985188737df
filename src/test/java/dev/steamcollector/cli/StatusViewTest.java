package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.model.EventBacklog;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.NotificationCounts;
import dev.steamcollector.model.RememberedPace;
import dev.steamcollector.model.StatusReport;
import dev.steamcollector.testing.TestApis;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The due line of {@code status}: how many games' details wait, and how long they take at the limit;
 * the pace of each endpoint next to its configured limit.
 */
class StatusViewTest {

    private static final Map<FetchStatus, Long> NONE = Map.of(FetchStatus.PENDING, 0L, FetchStatus.SUCCESS, 0L,
            FetchStatus.FAILED, 0L, FetchStatus.NOT_FOUND, 0L);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            12345 | 60/minute    | 12345 | Due:       12,345 games' details (about 3h26m at 60/minute)
            3     | 2/minute     | 90    | Due:       3 games' details (about 1m30s at 2/minute)
            1     | 60/minute    | 1     | Due:       1 game's details (about 0m01s at 60/minute)
            0     | 60/minute    | 0     | Due:       0 games' details
            80000 | 200/5minutes | 120000 | Due:       80,000 games' details (about 33h20m at 200/5minutes)
            """)
    void showsTheDueWorkAndItsEtaAtTheLimit(long due, String limit, long etaSeconds, String line) {
        StatusView view = new StatusView("jdbc:sqlite:x.db", new StatusReport(NONE, due, 0, due, List.of(), null, 0),
                RateLimit.parse("STEAMSPY_API_LIMIT", limit), List.of());

        Rendered shown = Rendered.of(view);

        assertThat(shown.text().lines()).contains(line);
        JsonNode parsed = shown.json();
        assertThat(parsed.get("due").asLong()).isEqualTo(due);
        assertThat(parsed.get("etaSeconds").asLong()).isEqualTo(etaSeconds);
    }

    @Test
    void showsTheDiscordQueueAndWhatWasSetAside() {
        NotificationCounts queue = new NotificationCounts(1_234, 2,
                Optional.of("HTTP 400: Invalid Form Body (embeds.0.title: Must be 256 or fewer in length.)"));
        StatusView view = new StatusView("jdbc:sqlite:x.db", new StatusReport(NONE, 0, 0, 0, List.of(), null, 0, queue),
                RateLimit.parse("STEAMSPY_API_LIMIT", "60/minute"), List.of());

        Rendered shown = Rendered.of(view);

        assertThat(shown.text().lines()).contains("Discord:   1,234 queued, 2 set aside (latest refused: "
                + "HTTP 400: Invalid Form Body (embeds.0.title: Must be 256 or fewer in length.))");
        JsonNode notifications = shown.json().get("notifications");
        assertThat(notifications.get("queued").asLong()).isEqualTo(1_234);
        assertThat(notifications.get("setAside").asLong()).isEqualTo(2);
    }

    @Test
    void showsTheEventsWaitingForKafka() {
        EventBacklog events = new EventBacklog(2_345, Optional.of(Instant.parse("2026-01-12T03:20:11.250Z")));
        StatusView view = new StatusView("jdbc:sqlite:x.db", new StatusReport(NONE, 0, 0, 0, List.of(), null, 0,
                NotificationCounts.NONE, events), RateLimit.parse("STEAMSPY_API_LIMIT", "60/minute"), List.of());

        Rendered shown = Rendered.of(view);

        assertThat(shown.text().lines())
                .contains("Events:    2,345 waiting for Kafka, the oldest since 2026-01-12 03:20:11Z");
        JsonNode waiting = shown.json().get("events");
        assertThat(waiting.get("waiting").asLong()).isEqualTo(2_345);
        assertThat(waiting.get("oldestWaiting").asText()).isEqualTo("2026-01-12T03:20:11.250Z");
    }

    @Test
    void saysNothingOfAnEmptyQueue() {
        StatusView view = new StatusView("jdbc:sqlite:x.db", new StatusReport(NONE, 0, 0, 0, List.of(), null, 0),
                RateLimit.parse("STEAMSPY_API_LIMIT", "60/minute"), List.of());

        assertThat(Rendered.of(view).text()).doesNotContain("Discord").doesNotContain("Events");
    }

    @Test
    void showsEachEndpointsPaceInForceNextToItsLimit() {
        ApiSettings api = TestApis.settings("http://127.0.0.1:1", RateLimit.parse("test", "60/minute"));
        Instant now = Instant.parse("2026-01-12T06:00:00Z");
        Instant slowed = Instant.parse("2026-01-12T03:20:11Z");
        // recorded just now: nothing recovered yet
        List<StatusView.Pace> paces = StatusView.Pace.inForce(List.of(new RememberedPace("steamspy", 0.5, 1.0,
                OptionalDouble.of(0.6), Optional.of(slowed), now)), api, now);
        StatusView view = new StatusView("jdbc:sqlite:x.db", new StatusReport(NONE, 0, 0, 0, List.of(), null, 0),
                api.steamSpyLimit(), paces);

        Rendered shown = Rendered.of(view);

        assertThat(shown.text().lines()).containsSubsequence("Pace:",
                "  Steam Web API       60/minute, the configured limit",
                "  Steam Store         60/minute, the configured limit",
                "  SteamSpy            30/minute, 50% of 60/minute (climbing back, slowed 2026-01-12 03:20:11Z)",
                "  SteamSpy all pages  60/minute, the configured limit");
        JsonNode steamSpy = shown.json().get("pace").get(3);
        assertThat(steamSpy.get("endpoint").asText()).isEqualTo("steamspy");
        assertThat(steamSpy.get("perSecond").asDouble()).isEqualTo(0.5);
        assertThat(steamSpy.get("limit").asText()).isEqualTo("60/minute");
        assertThat(steamSpy.get("limitPerSecond").asDouble()).isEqualTo(1.0);
        assertThat(steamSpy.get("slowedAt").asText()).isEqualTo("2026-01-12T03:20:11Z");
    }

    @Test
    void theEtaOfTheDueDetailsIsAtThePaceInForceWhenTheEndpointWasSlowed() {
        ApiSettings api = TestApis.settings("http://127.0.0.1:1", RateLimit.parse("test", "60/minute"));
        Instant now = Instant.parse("2026-01-12T06:00:00Z");
        List<StatusView.Pace> paces = StatusView.Pace.inForce(List.of(new RememberedPace("steamspy", 0.5, 1.0,
                OptionalDouble.of(0.6), Optional.of(now), now)), api, now);
        StatusView view = new StatusView("jdbc:sqlite:x.db", new StatusReport(NONE, 3_000, 0, 3_000, List.of(), null,
                0), api.steamSpyLimit(), paces);

        Rendered shown = Rendered.of(view);

        assertThat(shown.text().lines())
                .contains("Due:       3,000 games' details (about 1h40m at 30/minute, the pace in force)");
        assertThat(shown.json().get("etaSeconds").asLong()).isEqualTo(6_000);
    }

    @Test
    void aRememberedPaceClimbsBackTowardTheLimitWhileUnused() {
        ApiSettings api = TestApis.settings("http://127.0.0.1:1", RateLimit.parse("test", "60/minute"));
        Instant recorded = Instant.parse("2026-01-01T00:00:00Z");
        List<RememberedPace> remembered = List.of(new RememberedPace("steamspy", 0.5, 1.0, OptionalDouble.empty(),
                Optional.empty(), recorded));

        double afterAWeek = StatusView.Pace.inForce(remembered, api, recorded.plus(RememberedPace.HALF_LIFE)).get(3)
                .perSecond();

        assertThat(afterAWeek).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** What a view prints as text and as JSON. */
    private record Rendered(String text, JsonNode json) {

        static Rendered of(StatusView view) {
            StringWriter text = new StringWriter();
            view.printText(new PrintWriter(text));
            StringWriter json = new StringWriter();
            view.printJson(new PrintWriter(json));
            try {
                return new Rendered(text.toString(), new ObjectMapper().readTree(json.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
