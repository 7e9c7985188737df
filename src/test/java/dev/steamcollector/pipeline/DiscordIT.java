package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.steamcollector.cli.ExitCodes;
import dev.steamcollector.notify.DiscordWebhook;
import dev.steamcollector.notify.PriceMessages;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile Discord: an hour's {@code retry_after}, a message refused for its content, a game name
 * of a megabyte, and two senders at once. None may hold a run, block the queue or post twice.
 */
class DiscordIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Discord answers a message it will not post (its real shape: code 50035 and an error tree). */
    private static final String INVALID_FORM_BODY = """
            {"message": "Invalid Form Body", "code": 50035, "errors": {"embeds": {"0": {"title": {"_errors": \
            [{"code": "BASE_TYPE_BAD_CONTENT", "message": "Contains content Discord does not allow."}]}}}}}""";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // honouring the hour would hold the run for an hour
    void aRetryAfterOfAnHourLeavesTheQueueForTheNextRun(String kind) throws SQLException {
        TestDatabase db = seed(kind, 3, id -> "Game " + id);
        serveDiscord(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"You are being rate limited.\", \"retry_after\": 3600, \"global\": false}"));

        CliRun notify = CliRun.run(directory, env(db), "notify");

        assertThat(notify.exitCode()).as(notify.err()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(notify.err()).contains("Discord asks to wait 3600s");
        assertThat(posts()).hasSize(1);
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome IS NULL AND claimed_by IS NULL"))
                .as("the whole queue waits, unclaimed, for the next run").isEqualTo(3);
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();

        // the Store knows none of the games: prices records nothing, then meets the same Discord
        server.stubFor(get(urlPathEqualTo("/api/appdetails")).willReturn(okJson(
                "{\"10000\":{\"success\":false},\"10010\":{\"success\":false},\"10020\":{\"success\":false}}")));
        CliRun prices = CliRun.run(directory, env(db), "prices");

        assertThat(prices.exitCode()).as(prices.err()).isZero();
        assertThat(prices.out()).contains("Run #1 (prices) succeeded").doesNotContain("Discord:");
        assertThat(posts()).hasSize(2);
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome IS NULL AND claimed_by IS NULL"))
                .isEqualTo(3);
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("succeeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aMessageRefusedForItsContentIsSetAsideAndTheQueueMovesOn(String kind) throws Exception {
        TestDatabase db = seed(kind, 4, id -> id == 10_010 ? "Game REFUSED " + id : "Game " + id);
        serveDiscord(aResponse().withStatus(204));
        server.stubFor(post(urlEqualTo("/webhook")).withRequestBody(containing("REFUSED")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(INVALID_FORM_BODY)));

        CliRun notify = CliRun.run(directory, env(db), "notify");

        assertThat(notify.exitCode()).as(notify.err()).isZero();
        assertThat(notify.out()).contains("3 price changes announced in 3 messages, 0 summarized, 1 set aside");
        assertThat(accepted()).containsExactlyInAnyOrder("Game 10000", "Game 10020", "Game 10030");
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome = 'sent'")).isEqualTo(3);
        assertThat(db.queryString("SELECT refusal FROM notifications WHERE outcome = 'refused' AND app_id = 10010"))
                .isEqualTo("HTTP 400: Invalid Form Body (embeds.0.title: Contains content Discord does not allow.)");

        CliRun status = CliRun.run(directory, env(db), "status");
        assertThat(status.out()).contains("Discord:   0 queued, 1 set aside (latest refused: HTTP 400: Invalid Form Body");
        CliRun json = CliRun.run(directory, env(db), "status", "--json");
        assertThat(JSON.readTree(json.out()).path("notifications").path("setAside").asLong()).isEqualTo(1);

        server.resetRequests();
        CliRun again = CliRun.run(directory, env(db), "notify");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(posts()).as("a message set aside is not tried again").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aMegabyteNameIsClippedToWhatDiscordAccepts(String kind) throws Exception {
        String megabyte = "M".repeat(1 << 20);
        TestDatabase db = seed(kind, 2, id -> id == 10_000 ? megabyte : "Game " + id);
        serveDiscord(aResponse().withStatus(204));

        CliRun notify = CliRun.run(directory, env(db), "notify");

        assertThat(notify.exitCode()).as(notify.err()).isZero();
        List<JsonNode> embeds = embeds();
        assertThat(embeds).hasSize(2).allSatisfy(embed ->
                assertThat(embed.path("title").asText().length()).isLessThanOrEqualTo(256));
        assertThat(embeds.getFirst().path("title").asText()).startsWith("MMMM").endsWith("…");
        assertThat(posts()).allSatisfy(body -> assertThat(body.length()).isLessThan(7_000));
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome = 'sent'")).isEqualTo(2);
    }

    @Test
    void twoSendersAtOnceNeverPostTheSameMessage() throws Exception {
        TestDatabase db = seed("sqlite", 25, id -> "Game " + id);
        // slow enough for the two senders to overlap on every message
        serveDiscord(aResponse().withStatus(204).withFixedDelay(300));
        OkHttpClient http = new OkHttpClient();
        try (Database first = Database.open(db.settings()); Database second = Database.open(db.settings());
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<NotificationDispatcher.Outcome> a = senders.submit(() -> dispatcher(first, http).dispatch(50));
            Future<NotificationDispatcher.Outcome> b = senders.submit(() -> dispatcher(second, http).dispatch(50));

            assertThat(a.get().announced() + b.get().announced()).isEqualTo(25);
        }
        List<String> titles = embeds().stream().map(embed -> embed.path("title").asText()).toList();
        assertThat(titles).hasSize(25).doesNotHaveDuplicates();
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome = 'sent'")).isEqualTo(25);
    }

    private NotificationDispatcher dispatcher(Database database, OkHttpClient http) {
        StopSignal stop = new StopSignal();
        return new NotificationDispatcher(database.notifications(),
                new DiscordWebhook(HttpUrl.get(server.baseUrl() + "/webhook"), http, JSON, stop.pausing()),
                new PriceMessages(HttpUrl.get(server.baseUrl())), Clock.systemUTC(), stop);
    }

    /** A migrated database with {@code count} games, each with a queued price-drop announcement. */
    private TestDatabase seed(String kind, int count, IntFunction<String> name) {
        List<Integer> ids = IntStream.range(0, count).map(i -> 10_000 + 10 * i).boxed().toList();
        return TestDatabase.of(kind, directory).migrated(directory).withGames(ids, name).withQueuedDrops(ids);
    }

    private Map<String, String> env(TestDatabase db) {
        Map<String, String> env = TestApis.environment(server.baseUrl(), db.url());
        env.put("ENABLE_DISCORD", "true");
        env.put("DISCORD_WEBHOOK_URL", server.baseUrl() + "/webhook");
        return env;
    }

    private static void serveDiscord(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo("/webhook")).atPriority(5).willReturn(response));
    }

    /** The bodies posted to the webhook, in order. */
    private static List<String> posts() {
        return server.findAll(postRequestedFor(urlEqualTo("/webhook"))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    private static List<JsonNode> embeds() {
        List<JsonNode> embeds = new ArrayList<>();
        for (String body : posts()) {
            try {
                StreamSupport.stream(JSON.readTree(body).path("embeds").spliterator(), false).forEach(embeds::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return embeds;
    }

    /** The titles of the embeds Discord accepted (answered 2xx). */
    private static List<String> accepted() {
        return server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/webhook"))
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .flatMap(event -> {
                    try {
                        return StreamSupport.stream(JSON.readTree(event.getRequest().getBodyAsString())
                                .path("embeds").spliterator(), false);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .map(embed -> embed.path("title").asText())
                .toList();
    }
}
