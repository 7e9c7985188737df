package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.steamcollector.cli.ExitCodes;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code prices} and {@code notify} end to end: a Store fake and a Discord fake on one WireMock. */
class PricesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** With the price_overview filter a free game's data is an empty array. */
    private static final String FREE = "{\"success\":true,\"data\":[]}";
    private static final String UNKNOWN = "{\"success\":false}";
    private static final String FULL_PRICE = priced("USD", 2000, 2000, 0);

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void batchesEveryCountryAndRecordsEachPriceOnce(String kind) throws SQLException {
        List<Integer> ids = appIds(250);
        TestDatabase db = TestDatabase.of(kind, directory).migrated(directory).withGames(ids);
        serveStore(ids, "us", id -> catalogue(ids.indexOf(id), "USD", 1000));
        serveStore(ids, "de", id -> catalogue(ids.indexOf(id), "EUR", 900));
        Map<String, String> env = env(db, "STORE_COUNTRY_CODES", "us,de");

        CliRun run = CliRun.run(directory, env, "prices", "--per-request", "100");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo("/api/appdetails")));
        assertThat(requests).hasSize(6).allSatisfy(request -> {
            assertThat(request.queryParameter("filters").firstValue()).isEqualTo("price_overview");
            assertThat(request.queryParameter("cc").isPresent()).isTrue();
        });
        for (String country : List.of("us", "de")) {
            assertThat(requests.stream().filter(r -> r.queryParameter("cc").firstValue().equals(country))
                    .map(r -> r.queryParameter("appids").firstValue().split(",").length))
                    .containsExactlyInAnyOrder(100, 100, 50);
        }
        long unknown = IntStream.range(0, 250).filter(PricesIT::isUnknown).count();
        long free = IntStream.range(0, 250).filter(PricesIT::isFree).count();
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_history WHERE source <> 'store'")).isZero();
        for (String currency : List.of("USD", "EUR")) {
            assertThat(rows(db, "currency = '" + currency + "'")).isEqualTo(250 - unknown);
            assertThat(rows(db, "currency = '" + currency + "' AND price_cents = 0 AND discount_percent = 0"))
                    .isEqualTo(free);
        }
        assertThat(rows(db, "app_id = " + ids.get(1) + " AND currency = 'USD' AND price_cents = 1001")).isEqualTo(1);
        assertThat(rows(db, "app_id = " + ids.get(1) + " AND currency = 'EUR' AND price_cents = 901")).isEqualTo(1);
        assertThat(rows(db, "app_id = " + ids.get(7))).as("unknown games are not priced").isZero();

        CliRun again = CliRun.run(directory, env, "prices", "--per-request", "100");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(rows(db, "1 = 1")).isEqualTo(2 * (250 - unknown));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aRejectedBatchGoesUnpricedAndCountsAgainstTheFailureBudget(String kind) throws SQLException {
        List<Integer> ids = appIds(250);
        TestDatabase db = TestDatabase.of(kind, directory).migrated(directory).withGames(ids);
        serveStore(ids, "us", id -> catalogue(ids.indexOf(id), "USD", 1000));
        List<Integer> rejected = ids.subList(100, 200);
        stubStore(rejected, "us", aResponse().withStatus(400).withBody("null"));

        CliRun run = CliRun.run(directory, env(db), "prices");

        // each game of the rejected batch is one failure: 100 of 250 is past the default 10%, so the
        // run is done (the other batches are stored) but exits 3, like collect past --max-failures
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TOO_MANY_FAILURES);
        assertThat(run.err()).contains("100 games failed");
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("succeeded");
        assertThat(db.queryLong("SELECT games_failed FROM collection_runs")).isEqualTo(100);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/appdetails"))))
                .as("a 400 is not retried").hasSize(3);
        assertThat(rows(db, "app_id IN (" + join(rejected) + ")")).isZero();
        long priced = IntStream.range(0, 250).filter(i -> i < 100 || i >= 200).filter(i -> !isUnknown(i)).count();
        assertThat(rows(db, "1 = 1")).isEqualTo(priced);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void announcesQualifyingChangesOnceAndNeverFirstPrices(String kind) throws Exception {
        List<Integer> ids = appIds(16);
        TestDatabase db = TestDatabase.of(kind, directory).migrated(directory).withGames(ids);
        Map<String, String> env = discordEnv(db);
        serveDiscord(aResponse().withStatus(204));
        serveStore(ids, "us", id -> ids.indexOf(id) == 15 ? FREE : FULL_PRICE);
        runPrices(env);
        assertThat(discordMessages()).as("first observations are never announced").isEmpty();

        // 11 drops of 20%, a new 50% discount; a 5% drop, a rise, an unchanged and a free game say nothing
        Map<Integer, String> changes = new HashMap<>(Map.of(ids.get(11), priced("USD", 2000, 1000, 50),
                ids.get(12), priced("USD", 2000, 1900, 5), ids.get(13), priced("USD", 2500, 2500, 0),
                ids.get(15), FREE));
        ids.subList(0, 11).forEach(id -> changes.put(id, priced("USD", 1600, 1600, 0)));
        serveStore(ids, "us", id -> changes.getOrDefault(id, FULL_PRICE));
        runPrices(env);

        List<JsonNode> messages = discordMessages();
        assertThat(messages).allSatisfy(m -> assertThat(m.path("embeds").size()).isBetween(1, 10));
        assertThat(titles(messages)).containsExactlyInAnyOrderElementsOf(names(ids.subList(0, 12)));
        JsonNode discount = embedOf(messages, ids.get(11));
        assertThat(discount.path("url").asText()).endsWith("/app/" + ids.get(11));
        assertThat(fields(discount)).isEqualTo(Map.of("Was", "USD 20.00", "Now", "USD 10.00", "Discount", "50%"));
        assertThat(fields(embedOf(messages, ids.get(0))).get("Now")).isEqualTo("USD 16.00");
        assertThat(rows(db, "app_id = " + ids.get(12))).as("a small drop is history, not news").isEqualTo(2);
        assertThat(notifications(db, "1 = 1")).isEqualTo(12);
        assertThat(notifications(db, "sent_at IS NOT NULL AND outcome = 'sent'")).isEqualTo(12);

        server.resetRequests();
        runPrices(env);
        assertThat(discordMessages()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void waitsOutDiscordsRetryAfterAndSendsOnce(String kind) throws Exception {
        List<Integer> ids = appIds(3);
        TestDatabase db = TestDatabase.of(kind, directory).migrated(directory).withGames(ids);
        server.stubFor(post(urlEqualTo("/webhook")).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"You are being rate limited.\", \"retry_after\": 0.3, "
                                + "\"global\": false}"))
                .willSetStateTo("waited"));
        server.stubFor(post(urlEqualTo("/webhook")).inScenario("429").whenScenarioStateIs("waited")
                .willReturn(aResponse().withStatus(204)));
        Map<String, String> env = discordEnv(db);
        serveStore(ids, "us", id -> FULL_PRICE);
        runPrices(env);
        serveStore(ids, "us", id -> id == ids.get(0) ? priced("USD", 2000, 1000, 50) : FULL_PRICE);

        runPrices(env);

        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlEqualTo("/webhook")));
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).getBodyAsString()).isEqualTo(posts.get(0).getBodyAsString());
        // retry_after is 0.3 s; well under the 1 s the webhook falls back to when it cannot read it
        assertThat(posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime())
                .isBetween(295L, 900L);
        assertThat(notifications(db, "1 = 1")).isEqualTo(1);
        assertThat(notifications(db, "outcome = 'sent'")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void pastThePerRunCapTheRestIsOneSummary(String kind) throws Exception {
        List<Integer> ids = appIds(10);
        TestDatabase db = TestDatabase.of(kind, directory).migrated(directory).withGames(ids);
        Map<String, String> env = discordEnv(db);
        env.put("NOTIFY_MAX_PER_RUN", "3");
        serveDiscord(aResponse().withStatus(204));
        serveStore(ids, "us", id -> FULL_PRICE);
        runPrices(env);
        serveStore(ids, "us", id -> ids.indexOf(id) < 7 ? priced("USD", 2000, 1500, 25) : FULL_PRICE);

        runPrices(env);

        List<JsonNode> messages = discordMessages();
        assertThat(titles(messages)).hasSize(3);
        List<JsonNode> summaries = messages.stream().filter(m -> m.path("embeds").isEmpty()).toList();
        assertThat(summaries).singleElement()
                .satisfies(m -> assertThat(m.path("content").asText()).contains("4 more"));
        assertThat(notifications(db, "outcome = 'sent' AND sent_at IS NOT NULL")).isEqualTo(3);
        assertThat(notifications(db, "outcome = 'summarized' AND sent_at IS NOT NULL")).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void changesQueuedWhileDiscordWasDownAreSentOnceLater(String kind) throws Exception {
        List<Integer> ids = appIds(5);
        TestDatabase db = TestDatabase.of(kind, directory).migrated(directory).withGames(ids);
        Map<String, String> env = discordEnv(db);
        serveDiscord(aResponse().withStatus(500));
        serveStore(ids, "us", id -> FULL_PRICE);
        runPrices(env);
        serveStore(ids, "us", id -> ids.indexOf(id) < 3 ? priced("USD", 1000, 1000, 0) : FULL_PRICE);

        // the webhook tries 5 times (waiting 1+2+3+4 s), then dispatchQuietly only warns: the prices
        // are stored, the queue is kept and the run exits 0
        runPrices(env);

        assertThat(discordMessages()).hasSize(5);
        assertThat(notifications(db, "sent_at IS NULL")).isEqualTo(3);

        server.resetRequests();
        serveDiscord(aResponse().withStatus(204));
        CliRun recovered = CliRun.run(directory, env, "notify");

        assertThat(recovered.exitCode()).as(recovered.err()).isZero();
        assertThat(titles(discordMessages())).containsExactlyInAnyOrderElementsOf(names(ids.subList(0, 3)));
        assertThat(notifications(db, "outcome = 'sent'")).isEqualTo(3);

        server.resetRequests();
        CliRun idle = CliRun.run(directory, env, "notify");
        assertThat(idle.exitCode()).isZero();
        assertThat(idle.out()).contains("0 price changes announced");
        assertThat(discordMessages()).isEmpty();
    }

    @Test
    void notifyTestPostsOneMessageAndDoesNothingWhileDiscordIsOff() throws Exception {
        TestDatabase db = TestDatabase.of("sqlite", directory).migrated(directory).withGames(appIds(1));
        serveDiscord(aResponse().withStatus(204));

        CliRun test = CliRun.run(directory, discordEnv(db), "notify", "--test");

        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).contains("Test message sent");
        assertThat(discordMessages()).singleElement()
                .satisfies(m -> assertThat(m.path("content").asText()).isNotBlank());

        server.resetRequests();
        Map<String, String> off = env(db, "DISCORD_WEBHOOK_URL", server.baseUrl() + "/webhook");
        CliRun disabled = CliRun.run(directory, off, "notify");

        assertThat(disabled.exitCode()).as(disabled.err()).isZero();
        assertThat(disabled.out()).contains("notifications are off");
        assertThat(discordMessages()).isEmpty();
    }

    private static List<Integer> appIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> 10_000 + 10 * i).toList();
    }

    private static boolean isFree(int index) {
        return index % 25 == 3;
    }

    private static boolean isUnknown(int index) {
        return index % 50 == 7;
    }

    /** The Store's answer for the game at {@code index}: a few free, a few unknown, the rest priced. */
    private static String catalogue(int index, String currency, int basePrice) {
        int price = basePrice + index;
        return isUnknown(index) ? UNKNOWN : isFree(index) ? FREE : priced(currency, price, price, 0);
    }

    private static String priced(String currency, int initial, int finalCents, int discount) {
        return String.format("{\"success\":true,\"data\":{\"price_overview\":{\"currency\":\"%s\",\"initial\":%d,"
                + "\"final\":%d,\"discount_percent\":%d,\"initial_formatted\":\"\",\"final_formatted\":\"%d\"}}}",
                currency, initial, finalCents, discount, finalCents);
    }

    private static long rows(TestDatabase db, String where) {
        return db.queryLong("SELECT COUNT(*) FROM price_history WHERE " + where);
    }

    private static long notifications(TestDatabase db, String where) {
        return db.queryLong("SELECT COUNT(*) FROM notifications WHERE " + where);
    }

    private static List<String> names(List<Integer> ids) {
        return ids.stream().map(id -> "Game " + id).toList();
    }

    private static String join(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private void runPrices(Map<String, String> env) {
        CliRun run = CliRun.run(directory, env, "prices");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private Map<String, String> env(TestDatabase db, String... pairs) {
        Map<String, String> env = TestApis.environment(server.baseUrl(), db.url());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private Map<String, String> discordEnv(TestDatabase db) {
        return env(db, "ENABLE_DISCORD", "true", "DISCORD_WEBHOOK_URL", server.baseUrl() + "/webhook",
                "NOTIFY_MIN_DROP_PERCENT", "10", "NOTIFY_MIN_DISCOUNT_PERCENT", "25");
    }

    /** Answers each batch of 100 of {@code ids} (the default --per-request) in {@code country}. */
    private static void serveStore(List<Integer> ids, String country, IntFunction<String> entry) {
        for (int from = 0; from < ids.size(); from += 100) {
            List<Integer> batch = ids.subList(from, Math.min(ids.size(), from + 100));
            String body = batch.stream().map(id -> "\"" + id + "\":" + entry.apply(id))
                    .collect(Collectors.joining(",", "{", "}"));
            stubStore(batch, country, okJson(body));
        }
    }

    private static void stubStore(List<Integer> batch, String country, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo("/api/appdetails")).withQueryParam("appids", equalTo(join(batch)))
                .withQueryParam("filters", equalTo("price_overview")).withQueryParam("cc", equalTo(country))
                .willReturn(response));
    }

    private static void serveDiscord(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo("/webhook")).willReturn(response));
    }

    /** The JSON bodies posted to the webhook, in order. */
    private static List<JsonNode> discordMessages() throws IOException {
        String bodies = server.findAll(postRequestedFor(urlEqualTo("/webhook"))).stream()
                .map(LoggedRequest::getBodyAsString).collect(Collectors.joining(",", "[", "]"));
        return JSON.readValue(bodies, new TypeReference<List<JsonNode>>() { });
    }

    private static Stream<JsonNode> embeds(List<JsonNode> messages) {
        return messages.stream().flatMap(m -> StreamSupport.stream(m.path("embeds").spliterator(), false));
    }

    private static List<String> titles(List<JsonNode> messages) {
        return embeds(messages).map(embed -> embed.path("title").asText()).toList();
    }

    private static JsonNode embedOf(List<JsonNode> messages, int appId) {
        return embeds(messages).filter(e -> e.path("title").asText().equals("Game " + appId)).findFirst().orElseThrow();
    }

    private static Map<String, String> fields(JsonNode embed) {
        return StreamSupport.stream(embed.path("fields").spliterator(), false)
                .collect(Collectors.toMap(f -> f.path("name").asText(), f -> f.path("value").asText()));
    }
}
