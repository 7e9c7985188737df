package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.CatalogueFake;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.StoreDetailsFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

/** {@code collect} reading the Store catalogue in bulk, end to end on every database, against a catalogue fake. */
class StoreCatalogueIT {

    static final int GAMES = 300;
    static final CatalogueFake catalogue = new CatalogueFake();
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new StoreDetailsFake.Answers(), catalogue)).build();

    @TempDir
    Path directory;

    SteamSpyFake steamSpy;
    List<Integer> appIds;

    @BeforeEach
    void fakes() {
        steamSpy = new SteamSpyFake(server);
        appIds = IntStream.range(0, GAMES).map(steamSpy::appId).boxed().toList();
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        new StoreDetailsFake(server).serve();
        catalogue.heal();
        server.resetRequests();
        catalogue.serveOn(server);
    }

    private Map<String, String> environment(TestDatabase db) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.put("STORE_DETAILS", "true");
        env.put("STORE_CATALOGUE", "true");
        return env;
    }

    private CliRun run(TestDatabase db, String... args) {
        return CliRun.run(directory, environment(db), args);
    }

    private long withoutStorePage() {
        return appIds.stream().filter(id -> !CatalogueFake.expected(id).known()).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aFirstRunDescribesEveryGameAHundredARequestBeforeAskingOneGameARequest(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        int requests = catalogue.itemRequests();

        CliRun first = run(db, "collect");

        assertThat(first.exitCode()).as(first.err()).isZero();
        long unknown = withoutStorePage();
        assertThat(unknown).isPositive();
        assertThat(first.out()).contains("Catalogue: 300 games processed: " + (GAMES - unknown) + " succeeded, "
                + unknown + " not found, 0 failed").contains("Store catalogue:");
        assertThat(catalogue.itemRequests() - requests).isEqualTo(3);
        assertThat(lastCatalogueRequest()).isLessThanOrEqualTo(firstStoreRequest());
        for (int appId : appIds) {
            assertCatalogueColumns(db, CatalogueFake.expected(appId));
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM store_tags")).isEqualTo(CatalogueFake.TAGS.size());
        assertThat(db.queryString("SELECT name FROM store_categories WHERE category_id = 61")).isEqualTo("HDR available");

        int before = catalogue.itemRequests();
        CliRun again = run(db, "collect");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(catalogue.itemRequests() - before).isZero();
        assertThat(again.out()).contains("Catalogue: 0 games processed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aGameTheStoreDescribesOnlyInTheCatalogueHasEveryColumnTheItemCarries(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        // unknown to appdetails (success:false), known to the catalogue: nothing overwrites the catalogue's columns
        int appId = appIds.stream().filter(id -> !StoreDetailsFake.expected(id).known() && CatalogueFake.expected(id).known())
                .findFirst().orElseThrow();
        CatalogueFake.Expected game = CatalogueFake.expected(appId);

        CliRun run = run(db, "collect", "--app-ids", Integer.toString(appId));

        assertThat(run.exitCode()).as(run.err()).isZero();
        String where = " FROM store_details WHERE app_id = " + appId;
        assertThat(db.queryString("SELECT name" + where)).isEqualTo(game.name());
        assertThat(db.queryString("SELECT type" + where)).isEqualTo(game.type());
        assertThat(db.queryString("SELECT short_description" + where)).isEqualTo("About game " + appId);
        assertThat(db.queryString("SELECT supported_languages" + where)).isEqualTo("English, French");
        assertThat(db.queryString("SELECT full_audio_languages" + where)).isEqualTo("English");
        assertThat(names(db.queryString("SELECT developers_json" + where))).containsExactly("Developer " + appId % 11);
        assertThat(names(db.queryString("SELECT publishers_json" + where))).containsExactly("Publisher " + appId % 7);
        assertThat(db.queryLong("SELECT review_score" + where)).isEqualTo(game.reviewScore());
        assertThat(db.queryString("SELECT review_score_desc" + where)).isEqualTo(game.reviewLabel());
        assertThat(db.queryLong("SELECT total_reviews" + where)).isEqualTo(game.reviewCount());
        assertThat(db.queryString("SELECT fetch_status" + where)).isEqualTo("not_found");
        if (!game.comingSoon()) {
            LocalDate date = LocalDate.ofInstant(java.time.Instant.ofEpochSecond(game.releaseUnix()), ZoneOffset.UTC);
            assertThat(db.queryString("SELECT release_date" + where)).startsWith(date.toString());
        }
        assertCatalogueColumns(db, game);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void faultyItemsFailOnlyTheirGamesAndTheNextRunAsksThemAgain(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        assertThat(run(db, "collect").exitCode()).isZero();
        List<Integer> known = appIds.stream().filter(id -> CatalogueFake.expected(id).known()).toList();
        int missing = known.get(1);
        int broken = known.get(2);
        int withForeign = known.get(3);
        catalogue.leaveOut(missing);
        catalogue.breakItem(broken);
        catalogue.addForeign(withForeign, known.get(4) + 1_000_000);

        CliRun faulty = run(db, "collect", "--full-refresh");

        assertThat(faulty.exitCode()).as(faulty.err()).isZero();
        assertThat(faulty.out()).contains("Catalogue: 300 games processed: " + (GAMES - withoutStorePage() - 2)
                + " succeeded, " + withoutStorePage() + " not found, 2 failed");
        // the item nobody asked about is no answer about any game; the game asked is answered all the same
        assertThat(db.queryString("SELECT catalogue_status FROM store_details WHERE app_id = " + withForeign))
                .isEqualTo("success");
        for (int appId : List.of(missing, broken)) {
            // the good data of the first run stays; only the bookkeeping tells
            assertCatalogueColumns(db, CatalogueFake.expected(appId), "failed");
        }
        assertThat(db.queryString("SELECT catalogue_last_error FROM store_details WHERE app_id = " + missing))
                .contains("no item");
        assertThat(db.queryString("SELECT catalogue_last_error FROM store_details WHERE app_id = " + broken))
                .contains("review_count -5");
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE app_id = " + (known.get(4) + 1_000_000))).isZero();

        catalogue.heal();
        server.resetRequests();
        int before = catalogue.itemRequests();
        CliRun next = run(db, "collect");

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("Catalogue: 2 games processed: 2 succeeded");
        assertThat(catalogue.itemRequests() - before).isEqualTo(1);
    }

    @Test
    void statusShowsTheCatalogueAndHowFreshEachSourceIsAndTheMetricsCarryTheAges() throws Exception {
        TestDatabase db = TestDatabase.sqlite(directory);
        Map<String, String> env = environment(db);
        env.put("METRICS_TEXTFILE", directory.resolve("steam_collector.prom").toString());
        assertThat(CliRun.run(directory, env, "collect", "--limit", "150").exitCode()).isZero();
        // a first run describes the newest appids first
        long unknown = appIds.stream().sorted(java.util.Comparator.reverseOrder()).limit(150)
                .filter(id -> !CatalogueFake.expected(id).known()).count();

        CliRun text = CliRun.run(directory, env, "status");

        assertThat(text.out()).contains("Catalogue: " + (150 - unknown) + " described, " + unknown
                + " not found, 0 failed; 150 due (about 0m01s at 200/second)")
                .contains("Freshness: age of the active games' data (median / 95% / oldest)")
                .containsPattern("Store catalogue +0m\\d\\ds / 0m\\d\\ds / 0m\\d\\ds \\(150 games without any\\)")
                .containsPattern("Store prices US +no data yet");
        JsonNode json = JSON.readTree(CliRun.run(directory, env, "status", "--json").out());
        assertThat(json.at("/store/catalogue/due").asLong()).isEqualTo(150);
        assertThat(json.at("/store/catalogue/success").asLong()).isEqualTo(150 - unknown);
        JsonNode catalogueAge = null;
        for (JsonNode source : json.get("freshness")) {
            if (source.get("source").asText().equals("catalogue")) {
                catalogueAge = source;
            }
        }
        assertThat(catalogueAge).isNotNull();
        assertThat(catalogueAge.get("games").asLong()).isEqualTo(150);
        assertThat(catalogueAge.get("never").asLong()).isEqualTo(150);
        assertThat(catalogueAge.get("p95Seconds").asLong()).isBetween(0L, 600L);
        String metrics = java.nio.file.Files.readString(directory.resolve("steam_collector_collect.prom"));
        assertThat(metrics).contains("steam_data_age_seconds{command=\"collect\",quantile=\"0.95\",source=\"catalogue\"}")
                .contains("steam_queue_size{command=\"collect\",queue=\"store_catalogue_due\"} 150.0");
    }

    @Test
    void withTheCatalogueOffTheStoreIsAskedOneGameARequest() {
        TestDatabase db = TestDatabase.sqlite(directory);
        Map<String, String> off = environment(db);
        off.put("STORE_CATALOGUE", "false");
        int before = catalogue.itemRequests();

        CliRun run = CliRun.run(directory, off, "collect");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(catalogue.itemRequests() - before).isZero();
        assertThat(run.out()).doesNotContain("Catalogue:").contains("Store:     300 games processed");
    }

    private static void assertCatalogueColumns(TestDatabase db, CatalogueFake.Expected game) {
        assertCatalogueColumns(db, game, game.known() ? "success" : "not_found");
    }

    private static void assertCatalogueColumns(TestDatabase db, CatalogueFake.Expected game, String status) {
        String where = " FROM store_details WHERE app_id = " + game.appId();
        assertThat(db.queryString("SELECT catalogue_status" + where)).as("status of %d", game.appId()).isEqualTo(status);
        if (!game.known()) {
            assertThat(db.queryString("SELECT tags_json" + where)).isNull();
            return;
        }
        assertThat(names(db.queryString("SELECT tags_json" + where))).as("tags of %d", game.appId())
                .isEqualTo(game.tags());
        if (!StoreDetailsFake.expected(game.appId()).known()) {
            // a column appdetails carries too holds the fresher answer: the catalogue's only where appdetails has none
            assertThat(names(db.queryString("SELECT categories_json" + where))).isEqualTo(game.categories());
        }
        assertThat(db.queryString("SELECT steam_deck" + where)).isEqualTo(game.steamDeck());
        assertThat(db.queryLong("SELECT review_percent_positive" + where)).isEqualTo(game.percentPositive());
        assertThat(db.queryLong("SELECT CASE WHEN early_access THEN 1 ELSE 0 END" + where))
                .isEqualTo(game.earlyAccess() ? 1 : 0);
        assertThat(db.queryString("SELECT parent_app_id" + where))
                .isEqualTo(game.parentAppId() == null ? null : game.parentAppId().toString());
    }

    /** A JSON array of names as stored (each database spaces it its own way). */
    private static List<String> names(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON array of names: " + json, e);
        }
    }

    private long lastCatalogueRequest() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/IStoreBrowseService/GetItems/v1/"))).stream()
                .mapToLong(request -> request.getLoggedDate().getTime()).max().orElseThrow();
    }

    private long firstStoreRequest() {
        return server.findAll(getRequestedFor(urlPathMatching("/(api/appdetails|appreviews/.*)"))).stream()
                .mapToLong(request -> request.getLoggedDate().getTime()).min().orElseThrow();
    }
}
