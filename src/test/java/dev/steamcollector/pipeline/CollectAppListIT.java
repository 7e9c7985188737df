package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.cli.ExitCodes;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.Fixtures;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code collect} fetching the app list end to end: CLI, HTTP fake, real database. */
class CollectAppListIT {

    static final String APP_LIST = "/IStoreService/GetAppList/v1/";
    static final String FIRST_PAGE = """
            {"response":{"apps":[{"appid":10,"name":"Counter-Strike","last_modified":1602535893,"price_change_number":0},
            {"appid":20,"name":"Team Fortress Classic","last_modified":1579634708,"price_change_number":0}],
            "have_more_results":true,"last_appid":20}}""";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    @BeforeEach
    void steamSpyKnowsNothingElse() {
        // these tests are about the list: no further pages, and no details to add
        server.stubFor(get(urlPathEqualTo("/api.php")).atPriority(10).willReturn(okJson("{}")));
    }

    private CliRun collect(TestDatabase db, Map<String, String> extra, String... options) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.putAll(extra);
        List<String> command = new ArrayList<>(List.of("collect", "--limit", "0"));
        command.addAll(List.of(options));
        return CliRun.run(directory, env, command.toArray(String[]::new));
    }

    private Map<String, String> keyed() {
        return Map.of("STEAM_API_KEY", TestApis.API_KEY);
    }

    private static MappingBuilder page(String lastAppId) {
        MappingBuilder page = get(urlPathEqualTo(APP_LIST)).withQueryParam("key", equalTo(TestApis.API_KEY));
        return lastAppId == null ? page.withQueryParam("last_appid", absent())
                : page.withQueryParam("last_appid", equalTo(lastAppId));
    }

    private void serveKeyedList() {
        // the first answer is the reported empty one: retried, never read as "no apps"
        server.stubFor(page(null).inScenario("list").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"response\":{}}")).willSetStateTo("ok"));
        server.stubFor(page(null).inScenario("list").whenScenarioStateIs("ok").willReturn(okJson(FIRST_PAGE)));
        server.stubFor(page("20").willReturn(okJson(Fixtures.read("samples/istoreservice_getapplist_terminal_page_excerpt.json"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aKeyedListPagesToTheEndAndStoresNewGamesAsPending(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        serveKeyedList();

        CliRun run = collect(db, keyed());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = TRUE")).isEqualTo(8);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'pending'")).isEqualTo(8);
        assertThat(db.queryString("SELECT name FROM games WHERE app_id = 10")).isEqualTo("Counter-Strike");
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("succeeded");
        assertThat(db.queryLong("SELECT games_listed FROM collection_runs")).isEqualTo(8);
        assertThat(db.queryLong("SELECT games_added FROM collection_runs")).isEqualTo(8);
        assertThat(run.out()).contains("8 games listed from Steam Web API IStoreService/GetAppList, 8 new, 0 deactivated");

        CliRun rerun = collect(db, keyed());
        assertThat(rerun.exitCode()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(8);
        assertThat(rerun.out()).contains("8 games listed from Steam Web API IStoreService/GetAppList, 0 new, 0 deactivated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aCompleteListDeactivatesMissingGamesOnlyWithinTheAllowedShrink(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        serveKeyedList();
        assertThat(collect(db, keyed()).exitCode()).isZero();
        db.execute("INSERT INTO games (app_id, name, created_at, updated_at, is_active) "
                + "VALUES (99999990, 'Gone', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE)");

        // one of nine active games missing is 11%: more than the default 5%, so nothing changes
        assertThat(collect(db, keyed()).exitCode()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = FALSE")).isZero();

        CliRun allowed = collect(db, Map.of("STEAM_API_KEY", TestApis.API_KEY, "MAX_LIST_SHRINK", "20%"));
        assertThat(allowed.exitCode()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE app_id = 99999990 AND is_active = FALSE")).isEqualTo(1);
        assertThat(allowed.out()).contains("1 deactivated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aListThatFailsPartWayKeepsWhatArrivedAndDeactivatesNothing(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        server.stubFor(page(null).willReturn(okJson(FIRST_PAGE)));
        server.stubFor(page("20").willReturn(aResponse().withStatus(503)));
        CliRun migrate = CliRun.run(directory, Map.of("DATABASE_URL", db.url()), "migrate");
        assertThat(migrate.exitCode()).isZero();
        db.execute("INSERT INTO games (app_id, name, created_at, updated_at, is_active) "
                + "VALUES (30, 'Day of Defeat', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE)");

        CliRun run = collect(db, keyed());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(run.err()).contains("HTTP 503").doesNotContain(TestApis.API_KEY);
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = TRUE")).isEqualTo(3);
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("failed");
        assertThat(db.queryLong("SELECT games_listed FROM collection_runs")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void aRefusedKeyIsAConfigurationError(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        server.stubFor(page(null).willReturn(aResponse().withStatus(403)
                .withBody("<html><head><title>Forbidden</title></head></html>")));

        CliRun run = collect(db, keyed());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("steam-collector: STEAM_API_KEY: the Steam Web API refused the key (HTTP 403)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void withoutAKeyTheSteamSpyPagesAreTheCatalogueAndTheirFiguresAreStored(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        for (int page = 0; page <= 1; page++) {
            server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(okJson(Fixtures.read("steamspy-all/2025-01-01/page-" + page + ".json.gz"))));
        }
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("page", equalTo("2")).willReturn(okJson("{}")));

        CliRun run = collect(db, Map.of());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // appid 234630 is on both pages: stored once
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(1_999);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE owners_min IS NOT NULL")).isEqualTo(1_999);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'pending'")).isEqualTo(1_999);
        assertThat(db.queryString("SELECT name FROM games WHERE app_id = 730")).isEqualTo("Counter-Strike: Global Offensive");
        assertThat(run.out()).contains("1,999 games listed from SteamSpy all pages, 1,999 new");

        CliRun again = collect(db, Map.of());
        assertThat(again.out()).as("the pass just completed is not repeated, nor reported as an empty list")
                .contains("App list:  not fetched: the SteamSpy pages were read in full less than 20 hours ago")
                .doesNotContain("0 games listed");
    }

    @Test
    void aPagePassCutShortByMaxDurationStillCountsTheGamesItAdded() {
        TestDatabase db = TestDatabase.sqlite(directory);
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                .withQueryParam("page", equalTo("0"))
                .willReturn(okJson(Fixtures.read("steamspy-all/2025-01-01/page-0.json.gz"))));

        // page 1 answers long after the run's end and the in-flight grace: the pass is cancelled waiting for it
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                .withQueryParam("page", equalTo("1")).willReturn(okJson("{}").withFixedDelay(60_000)));

        CliRun run = collect(db, Map.of("HTTP_TIMEOUT", "2m"), "--max-duration", "2s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(1_000);
        assertThat(db.queryLong("SELECT games_added FROM collection_runs")).isEqualTo(1_000);
        assertThat(run.out()).contains("1,000 games listed from SteamSpy all pages, 1,000 new");
    }
}
