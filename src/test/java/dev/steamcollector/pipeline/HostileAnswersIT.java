package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code collect} and {@code prices} end to end against answers no real API sends: about another
 * game, with values past any real one, dripping. Each is a failed answer for the game asked
 * about, and nothing stored for any game changes on its word.
 */
class HostileAnswersIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Never gzipped: a gzipped answer would be held back whole by the server, not dripped. */
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().gzipDisabled(true)).build();

    @TempDir
    Path directory;

    private CliRun run(TestDatabase db, String... args) {
        return CliRun.run(directory, TestApis.environment(server.baseUrl(), db.url()), args);
    }

    private static String metadata(TestDatabase db, int appId, String column) {
        return db.queryString("SELECT " + column + " FROM game_metadata WHERE app_id = " + appId);
    }

    private static long count(TestDatabase db, String table, String where) {
        return db.queryLong("SELECT COUNT(*) FROM " + table + " WHERE " + where);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anAnswerAboutAnotherGameFailsTheGameAskedAndLeavesTheOtherAlone(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        serveDetails(1009, record(1009));
        serveDetails(1017, record(1017));
        CliRun first = run(db, "collect", "--app-ids", "1009,1017");
        assertThat(first.exitCode()).as(first.err()).isZero();

        // asked about 1017, SteamSpy answers with 1009 at a price of one cent
        serveDetails(1017, record(1009).put("developer", "Someone Else").put("price", "1"));
        CliRun crossed = run(db, "collect", "--app-ids", "1017", "--max-failures", "1");

        assertThat(crossed.exitCode()).as(crossed.err()).isZero();
        assertThat(metadata(db, 1009, "developer")).isEqualTo("Developer of 1009");
        assertThat(metadata(db, 1009, "price_cents")).isEqualTo("999");
        assertThat(count(db, "price_history", "app_id = 1009")).as("no price row on its word").isEqualTo(1);
        assertThat(count(db, "notifications", "1 = 1")).as("no announcement").isZero();
        assertThat(metadata(db, 1017, "fetch_status")).isEqualTo("failed");
        assertThat(metadata(db, 1017, "last_error")).contains("1009").contains("1017");
        assertThat(metadata(db, 1017, "developer")).isEqualTo("Developer of 1017");
        assertThat(crossed.out()).contains("1 games processed: 0 succeeded, 0 not found, 1 failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anAnswerAboutAnUnknownAppIdFailsOneGameAndTheBatchIsCommitted(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        List<Integer> ids = IntStream.rangeClosed(2000, 2050).boxed().toList();
        ids.forEach(id -> serveDetails(id, record(id)));
        serveDetails(2017, record(5555));

        CliRun run = run(db, "collect", "--app-ids", ids.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--max-failures", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("51 games processed: 50 succeeded, 0 not found, 1 failed");
        assertThat(count(db, "game_metadata", "fetch_status = 'success'")).isEqualTo(50);
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs")).isEqualTo(50);
        assertThat(db.queryLong("SELECT games_failed FROM collection_runs")).isEqualTo(1);
        assertThat(metadata(db, 2017, "last_error")).contains("5555");
        assertThat(count(db, "games", "app_id = 5555")).isZero();
    }

    @Test
    void valuesOutsideAnySaneRangeFailTheGameAndKeepWhatWasStored() throws Exception {
        TestDatabase db = TestDatabase.sqlite(directory);
        Map<Integer, ObjectNode> hostile = Map.of(
                3001, record(3001).put("price", "99999999999999999999"),
                3002, record(3002).put("positive", -1),
                3003, record(3003).put("ccu", -5),
                3004, record(3004).put("price", "-100"),
                3005, record(3005).put("discount", "150"),
                3006, record(3006).put("name", "N".repeat(100_000)),
                3007, record(3007).put("owners", "lots"),
                3008, record(3008).put("developer", "D".repeat(50_000)));
        ObjectNode manyTags = record(3009);
        ObjectNode tags = manyTags.putObject("tags");
        IntStream.range(0, 5_000).forEach(i -> tags.put("Tag number " + i, i));
        String ids = "3001,3002,3003,3004,3005,3006,3007,3008,3009";
        for (String id : ids.split(",")) {
            serveDetails(Integer.parseInt(id), record(Integer.parseInt(id)));
        }
        assertThat(run(db, "collect", "--app-ids", ids).exitCode()).isZero();
        String storedTags = metadata(db, 3009, "tags_json");
        hostile.forEach((id, record) -> serveDetails(id, record));
        serveDetails(3009, manyTags);

        CliRun run = run(db, "collect", "--app-ids", ids, "--max-failures", "100");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("9 games processed: 0 succeeded, 0 not found, 9 failed");
        assertThat(count(db, "game_metadata", "fetch_status = 'failed' AND last_error LIKE '%invalid answer%'"))
                .isEqualTo(9);
        assertThat(count(db, "game_metadata", "price_cents = 999 AND initial_price_cents = 999 AND discount_percent = 0"
                + " AND positive_reviews = 100 AND ccu = 3 AND owners_max = 50000 AND developer LIKE 'Developer of %'"))
                .isEqualTo(9);
        assertThat(count(db, "games", "name LIKE 'Game %'")).isEqualTo(9);
        assertThat(metadata(db, 3009, "tags_json")).isEqualTo(storedTags);
        assertThat(count(db, "price_history", "1 = 1")).isEqualTo(9);
        assertThat(db.queryLong("SELECT MAX(LENGTH(last_error)) FROM game_metadata")).isLessThan(300);
    }

    @Test
    void aPageKeepsItsValidRecordsAndSkipsTheInvalidOnes() {
        TestDatabase db = TestDatabase.sqlite(directory);
        servePage(0, Map.of("4001", record(4001), "4002", record(4002), "4003", record(4003)));
        servePage(1, Map.of());
        assertThat(run(db, "collect", "--limit", "0").exitCode()).isZero();

        servePage(0, Map.of("4001", record(4001).put("ccu", 42), "4002", record(4002).put("ccu", -5),
                "4003", record(4009).put("ccu", 9)));
        CliRun again = run(db, "collect", "--full-refresh", "--limit", "0");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(metadata(db, 4001, "ccu")).isEqualTo("42");
        assertThat(metadata(db, 4002, "ccu")).isEqualTo("3");
        assertThat(metadata(db, 4003, "ccu")).isEqualTo("3");
        assertThat(count(db, "games", "app_id = 4009")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void storePricesOutOfRangeOrAboutAnotherGameAreFailuresAndRecordNothing(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        serveDetails(1009, record(1009));
        assertThat(run(db, "collect", "--app-ids", "1009").exitCode()).isZero();
        List<Integer> ids = List.of(5001, 5002, 5003, 5004);
        ids.forEach(id -> serveDetails(id, record(id)));
        assertThat(run(db, "collect", "--app-ids", "5001,5002,5003,5004").exitCode()).isZero();
        serveStore("1009,5001,5002,5003,5004", "{\"1009\":" + price(999, 0) + ",\"5001\":" + price(999, 0)
                + ",\"5002\":" + price(999, 0) + ",\"5003\":" + price(999, 0) + ",\"5004\":" + price(999, 0) + "}");
        assertThat(run(db, "prices").exitCode()).isZero();

        // 5003's entry is filed under an appid never asked about, at one cent: no game may take it
        serveStore("1009,5001,5002,5003,5004", "{\"1009\":" + price(999, 0)
                + ",\"5001\":{\"success\":true,\"data\":{\"price_overview\":{\"currency\":\"USD\",\"initial\":999,"
                + "\"final\":99999999999999999999,\"discount_percent\":0}}},"
                + "\"5002\":" + price(999, 150) + ",\"7777\":" + price(1, 99) + ",\"5004\":" + price(499, 50) + "}");
        CliRun hostile = run(db, "prices");

        assertThat(hostile.exitCode()).as(hostile.err()).isEqualTo(3);
        assertThat(hostile.out()).contains("Prices:    5 asked (a game once per country): 2 priced, 0 unknown to the Store,"
                + " 3 failed");
        assertThat(count(db, "price_history", "source = 'store' AND app_id IN (1009, 5001, 5002, 5003)")).isEqualTo(4);
        assertThat(count(db, "price_history", "source = 'store' AND app_id = 5004")).isEqualTo(2);
        assertThat(count(db, "notifications", "app_id <> 5004")).isZero();
        assertThat(count(db, "games", "app_id = 7777")).isZero();
    }

    @Test
    void aStoreAnswerLargerThanAnyRealOneFailsItsGamesAndTheRunGoesOn() {
        TestDatabase db = TestDatabase.sqlite(directory);
        serveDetails(8001, record(8001));
        serveDetails(8002, record(8002));
        assertThat(run(db, "collect", "--app-ids", "8001,8002").exitCode()).isZero();
        serveStore("8001", "{\"8001\":" + price(999, 0) + ",\"padding\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}");
        serveStore("8002", "{\"8002\":" + price(999, 0) + "}");

        CliRun run = run(db, "prices", "--per-request", "1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).contains("Prices:    2 asked (a game once per country): 1 priced, 0 unknown to the Store,"
                + " 1 failed");
        assertThat(count(db, "price_history", "source = 'store' AND app_id = 8002")).isEqualTo(1);
        assertThat(count(db, "price_history", "source = 'store' AND app_id = 8001")).isZero();
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/appdetails")).withQueryParam("appids",
                equalTo("8001")))).as("not downloaded again").hasSize(1);
    }

    @Test
    void anAnswerThatDripsIsCutAtTheTimeoutAndRetried() {
        TestDatabase db = TestDatabase.sqlite(directory);
        // a chunk every 100 ms, 20 s in all; HTTP_TIMEOUT is 1 s, RETRY_ATTEMPTS 2
        server.stubFor(details(6001).willReturn(okJson(record(6001).toString()).withChunkedDribbleDelay(200, 20_000)));

        CliRun run = run(db, "collect", "--app-ids", "6001", "--max-failures", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(metadata(db, 6001, "fetch_status")).isEqualTo("failed");
        assertThat(metadata(db, 6001, "last_error")).contains("timed out");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api.php")).withQueryParam("appid", equalTo("6001"))))
                .hasSize(3);
    }

    /** A realistic SteamSpy record: price 999, developer "Developer of N", name "Game N". */
    private static ObjectNode record(int appId) {
        ObjectNode record = JSON.createObjectNode().put("appid", appId).put("name", "Game " + appId)
                .put("developer", "Developer of " + appId).put("publisher", "Publisher").put("score_rank", "")
                .put("positive", 100).put("negative", 10).put("userscore", 0).put("owners", "20,000 .. 50,000")
                .put("average_forever", 5).put("average_2weeks", 0).put("median_forever", 5).put("median_2weeks", 0)
                .put("price", "999").put("initialprice", "999").put("discount", "0").put("ccu", 3)
                .put("languages", "English").put("genre", "Indie");
        record.putObject("tags").put("Indie", 10);
        return record;
    }

    private static String price(int finalCents, int discount) {
        return "{\"success\":true,\"data\":{\"price_overview\":{\"currency\":\"USD\",\"initial\":999,\"final\":"
                + finalCents + ",\"discount_percent\":" + discount + "}}}";
    }

    private static MappingBuilder details(int appId) {
        return get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("appdetails"))
                .withQueryParam("appid", equalTo(String.valueOf(appId)));
    }

    private static void serveDetails(int appId, ObjectNode answer) {
        server.stubFor(details(appId).willReturn(okJson(answer.toString())));
    }

    private static void servePage(int page, Map<String, ObjectNode> records) {
        ObjectNode body = JSON.createObjectNode();
        records.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> body.set(e.getKey(), e.getValue()));
        ResponseDefinitionBuilder answer = okJson(body.toString());
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                .withQueryParam("page", equalTo(String.valueOf(page))).willReturn(answer));
    }

    private static void serveStore(String appIds, String body) {
        server.stubFor(get(urlPathEqualTo("/api/appdetails")).withQueryParam("appids", equalTo(appIds))
                .willReturn(okJson(body)));
    }
}
