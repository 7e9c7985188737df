package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.StoreDetailsFake;
import dev.steamcollector.testing.StoreDetailsFake.Expected;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code collect} with the Store details on, end to end on every database, against a Store fake. */
class StoreDetailsIT {

    static final int GAMES = 300;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new StoreDetailsFake.Answers())).build();

    @TempDir
    Path directory;

    SteamSpyFake steamSpy;
    StoreDetailsFake store;
    List<Integer> appIds;

    @BeforeEach
    void fakes() {
        steamSpy = new SteamSpyFake(server);
        store = new StoreDetailsFake(server);
        appIds = IntStream.range(0, GAMES).map(steamSpy::appId).boxed().toList();
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        store.serve();
    }

    private Map<String, String> environment(TestDatabase db) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.put("STORE_DETAILS", "true");
        return env;
    }

    private CliRun run(TestDatabase db, String... args) {
        return CliRun.run(directory, environment(db), args);
    }

    private long unknownToTheStore() {
        return appIds.stream().filter(id -> !StoreDetailsFake.expected(id).known()).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void everyGameIsDescribedFieldByFieldAndARunRightAfterAsksTheStoreNothing(String kind) throws SQLException {
        TestDatabase db = TestDatabase.of(kind, directory);

        CliRun first = run(db, "collect");

        assertThat(first.exitCode()).as(first.err()).isZero();
        long unknown = unknownToTheStore();
        assertThat(unknown).isPositive();
        assertThat(first.out()).contains("Details:   300 games processed: 300 succeeded")
                .contains("Store:     300 games processed: " + (GAMES - unknown) + " succeeded, " + unknown
                        + " not found, 0 failed")
                .contains("Reviews:   300 games processed: " + (GAMES - unknown) + " succeeded, " + unknown
                        + " not found, 0 failed")
                .contains("Steam Store:").contains("Store reviews:");
        for (int appId : appIds) {
            assertStored(db, StoreDetailsFake.expected(appId));
        }
        int descriptions = store.descriptionRequests();
        int reviews = store.reviewRequests();
        assertThat(descriptions).isEqualTo(GAMES);
        assertThat(reviews).isEqualTo(GAMES);

        CliRun again = run(db, "collect");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(store.descriptionRequests() - descriptions).isZero();
        assertThat(store.reviewRequests() - reviews).isZero();
        assertThat(again.out()).contains("Store:     0 games processed").contains("Reviews:   0 games processed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void faultsLeaveGoodRowsIntactAndRetryFailedRecoversThem(String kind) throws SQLException {
        TestDatabase db = TestDatabase.of(kind, directory);
        assertThat(run(db, "collect").exitCode()).isZero();
        int serverError = known(1);
        int malformed = known(2);
        int crossed = known(3);
        int reviewsDown = known(4);
        int throttledOnce = known(5);
        store.serveDescription(serverError, StoreDetailsFake.status(500));
        store.serveDescription(malformed, okJson("{\"" + malformed + "\":{\"success\":true,\"data\":{\"name\":"));
        store.serveDescription(crossed, okJson(StoreDetailsFake.descriptionBody(StoreDetailsFake.expected(known(6)))));
        store.serveReviews(reviewsDown, StoreDetailsFake.status(503));
        store.failDescriptionOnce(throttledOnce, aResponse().withStatus(429).withBody("null"));

        CliRun faulty = run(db, "collect", "--full-refresh");

        assertThat(faulty.exitCode()).as(faulty.err()).isZero();
        assertThat(faulty.out()).contains("Store:     300 games processed: " + (GAMES - unknownToTheStore() - 3)
                + " succeeded, " + unknownToTheStore() + " not found, 3 failed")
                .contains("Reviews:   300 games processed: " + (GAMES - unknownToTheStore() - 1) + " succeeded");
        for (int appId : List.of(serverError, malformed, crossed)) {
            // the description stays as it was; only the bookkeeping says what went wrong
            assertStoredDescription(db, StoreDetailsFake.expected(appId));
            assertThat(db.queryString("SELECT fetch_status FROM store_details WHERE app_id = " + appId))
                    .isEqualTo("failed");
        }
        assertThat(db.queryString("SELECT last_error FROM store_details WHERE app_id = " + serverError)).contains("500");
        assertThat(db.queryString("SELECT last_error FROM store_details WHERE app_id = " + malformed))
                .contains("malformed");
        assertThat(db.queryString("SELECT last_error FROM store_details WHERE app_id = " + crossed))
                .contains("appid " + known(6));
        assertThat(db.queryString("SELECT reviews_fetch_status || ' ' || fetch_status || ' ' || review_score_desc"
                + " FROM store_details WHERE app_id = " + reviewsDown))
                .isEqualTo("failed success " + StoreDetailsFake.expected(reviewsDown).reviewLabel());
        assertThat(db.queryString("SELECT fetch_status FROM store_details WHERE app_id = " + throttledOnce))
                .isEqualTo("success");

        store.serve();
        int descriptions = store.descriptionRequests();
        CliRun retry = run(db, "collect", "--retry-failed");

        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.out()).contains("Store:     3 games processed: 3 succeeded")
                .contains("Reviews:   1 games processed: 1 succeeded");
        assertThat(store.descriptionRequests() - descriptions).isEqualTo(3);
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_details WHERE fetch_status = 'failed'"
                + " OR reviews_fetch_status = 'failed'")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aGameSteamSpyDoesNotKnowIsDescribedAndNamedByTheStore(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        int storeOnly = 3_000_010;
        steamSpy.serveDetails(storeOnly, okJson("{}"));

        CliRun run = run(db, "collect", "--app-ids", storeOnly + "," + appIds.getFirst());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(db.queryString("SELECT name FROM games WHERE app_id = " + storeOnly)).isEqualTo("Store Game " + storeOnly);
        assertThat(db.queryString("SELECT fetch_status FROM game_metadata WHERE app_id = " + storeOnly))
                .isEqualTo("not_found");
        assertThat(db.queryString("SELECT fetch_status || ' ' || reviews_fetch_status FROM store_details WHERE app_id = "
                + storeOnly)).isEqualTo("success success");
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_details")).isEqualTo(2);
    }

    @Test
    void limitCapsEachSourceAndStatusShowsTheStoreBacklogWithItsEta() throws Exception {
        TestDatabase db = TestDatabase.sqlite(directory);

        CliRun limited = run(db, "collect", "--limit", "10");

        assertThat(limited.exitCode()).as(limited.err()).isZero();
        assertThat(limited.out()).contains("Details:   10 games processed").contains("Store:     10 games processed")
                .contains("Reviews:   10 games processed");
        Map<String, String> slow = environment(db);
        slow.put("STEAM_STORE_API_LIMIT", "200/5minutes");
        slow.put("STEAM_REVIEWS_API_LIMIT", "60/minute");
        CliRun text = CliRun.run(directory, slow, "status");
        assertThat(text.out()).contains("Store due: 290 descriptions (about 7m15s at 200/5minutes),"
                + " 290 review summaries (about 4m50s at 60/minute)");
        JsonNode json = JSON.readTree(CliRun.run(directory, slow, "status", "--json").out());
        assertThat(json.at("/store/enabled").asBoolean()).isTrue();
        assertThat(json.at("/store/descriptionsDue").asLong()).isEqualTo(290);
        assertThat(json.at("/store/descriptionsEtaSeconds").asLong()).isEqualTo(435);
        assertThat(json.at("/store/reviewsEtaSeconds").asLong()).isEqualTo(290);
        assertThat(json.at("/store/descriptions/pending").asLong()).isEqualTo(290);
        assertThat(json.at("/store/descriptions/success").asLong() + json.at("/store/descriptions/not_found").asLong())
                .isEqualTo(10);
    }

    @Test
    void withStoreDetailsOffTheStoreIsNotAsked() {
        TestDatabase db = TestDatabase.sqlite(directory);
        Map<String, String> off = environment(db);
        off.put("STORE_DETAILS", "false");

        CliRun run = CliRun.run(directory, off, "collect");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(store.descriptionRequests() + store.reviewRequests()).isZero();
        assertThat(run.out()).doesNotContain("Store:").doesNotContain("Reviews:");
        assertThat(CliRun.run(directory, off, "status").out()).doesNotContain("Store due:");
    }

    /** The {@code n}-th of the games the Store knows. */
    private int known(int n) {
        return appIds.stream().filter(id -> StoreDetailsFake.expected(id).known()).skip(n).findFirst().orElseThrow();
    }

    private static void assertStored(TestDatabase db, Expected game) throws SQLException {
        Map<String, Object> row = row(db, game.appId());
        if (!game.known()) {
            assertThat(row).containsEntry("fetch_status", "not_found").containsEntry("reviews_fetch_status", "not_found")
                    .containsEntry("type", null).containsEntry("review_score", null);
            return;
        }
        assertStoredDescription(db, game);
        assertThat(row).as("reviews of %d", game.appId())
                .containsEntry("review_score", (long) game.reviewScore())
                .containsEntry("review_score_desc", game.reviewLabel())
                .containsEntry("total_positive", game.totalPositive())
                .containsEntry("total_negative", game.totalNegative())
                .containsEntry("total_reviews", game.totalReviews())
                .containsEntry("reviews_fetch_status", "success");
    }

    private static void assertStoredDescription(TestDatabase db, Expected game) throws SQLException {
        Map<String, Object> row = row(db, game.appId());
        assertThat(row).as("description of %d", game.appId())
                .containsEntry("name", game.name())
                .containsEntry("type", game.type())
                .containsEntry("required_age", (long) game.requiredAge())
                .containsEntry("is_free", game.free())
                .containsEntry("release_date_text", game.releaseText())
                .containsEntry("release_date", game.releaseDate())
                .containsEntry("coming_soon", game.comingSoon())
                .containsEntry("windows", game.windows())
                .containsEntry("mac", game.mac())
                .containsEntry("linux", game.linux())
                .containsEntry("metacritic_score", game.metacritic() == null ? null : (long) game.metacritic())
                .containsEntry("recommendations", game.recommendations() == null ? null : (long) game.recommendations())
                .containsEntry("achievements", game.achievements() == null ? null : (long) game.achievements())
                .containsEntry("dlc_count", (long) game.dlcCount())
                .containsEntry("developers_json", game.developers())
                .containsEntry("publishers_json", List.of("Publisher " + game.appId() % 7))
                .containsEntry("genres_json", game.genres())
                .containsEntry("categories_json", game.categories())
                .containsEntry("supported_languages", game.supportedLanguages())
                .containsEntry("full_audio_languages", game.fullAudioLanguages())
                .containsEntry("controller_support", game.controllerSupport())
                .containsEntry("short_description", "About game " + game.appId() + " &amp; more")
                .containsEntry("header_image", "https://cdn.example.com/" + game.appId() + "/header.jpg")
                .containsEntry("website", game.website());
        assertThat(row.get("fetched_at")).isNotNull();
    }

    /** Every column of a game's row, as text, numbers (long), booleans, or lists for the JSON arrays. */
    private static Map<String, Object> row(TestDatabase db, int appId) throws SQLException {
        try (Connection connection = db.connect();
                PreparedStatement query = connection.prepareStatement("SELECT * FROM store_details WHERE app_id = ?")) {
            query.setInt(1, appId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a store_details row for %d", appId).isTrue();
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    String column = rows.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                    row.put(column, value(rows, i, column));
                }
                return row;
            }
        }
    }

    private static Object value(ResultSet rows, int i, String column) throws SQLException {
        String text = rows.getString(i);
        if (text == null) {
            return null;
        }
        if (column.endsWith("_json")) {
            List<String> names = new ArrayList<>();
            try {
                JSON.readTree(text).forEach(name -> names.add(name.asText()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(column + " is not JSON: " + text, e);
            }
            return names;
        }
        if (List.of("coming_soon", "is_free", "windows", "mac", "linux").contains(column)) {
            return rows.getBoolean(i);
        }
        if (List.of("required_age", "metacritic_score", "recommendations", "achievements", "dlc_count",
                "review_score", "total_positive", "total_negative", "total_reviews").contains(column)) {
            return rows.getLong(i);
        }
        return text;
    }
}
