package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.AppListFake;
import dev.steamcollector.testing.AppListFake.App;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The list-shrink guard end to end, with the keyed app list of 1,000 games in pages of 300: a
 * truncated list deactivates nothing, real delistings are applied, a returning game comes back.
 */
class ListGuardIT {

    private static final int GAMES = 1_000;
    private static final AppListFake LIST = new AppListFake();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(LIST)).build();

    @TempDir
    Path directory;

    @BeforeEach
    void fakes() {
        LIST.apps().forEach(app -> LIST.remove(app.appId()));
        LIST.putAll(AppListFake.catalogue(GAMES));
        LIST.pageSize(300);
        LIST.uncut();
        LIST.serve(server);
        server.stubFor(get(urlPathEqualTo("/api.php")).atPriority(10).willReturn(okJson("{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aTruncatedListDeactivatesNothingEvenTwiceButScatteredDelistingsAreAppliedAndReturnsReactivated(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        assertThat(collect(db).out())
                .contains("1,000 games listed from Steam Web API IStoreService/GetAppList, 1,000 new, 0 deactivated");

        // the list ends early: its last 70 games (7%) never come
        LIST.cutAfter(9_300);
        for (int run = 0; run < 2; run++) {
            assertThat(collect(db).out())
                    .contains("930 games listed from Steam Web API IStoreService/GetAppList, 0 new, 0 deactivated");
        }
        assertThat(inactive(db)).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE missing_since IS NOT NULL")).isZero();

        // 7% of the games, every fourteenth, really delisted: applied at once
        LIST.uncut();
        List<Integer> delisted = LIST.apps().stream().map(App::appId).filter(id -> (id / 10) % 14 == 0).toList();
        delisted.forEach(LIST::remove);
        CliRun scattered = collect(db);
        assertThat(scattered.out()).contains(delisted.size() + " deactivated");
        assertThat(delisted).hasSize(71);
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = FALSE AND app_id IN ("
                + join(delisted) + ")")).isEqualTo(71);
        assertThat(inactive(db)).isEqualTo(71);

        // one of them is back on sale
        int back = delisted.get(3);
        LIST.put(new App(back, "Game " + back + " (remastered)", 1_800_000_000L, 77L));
        CliRun returned = collect(db);
        assertThat(returned.out())
                .contains("930 games listed from Steam Web API IStoreService/GetAppList, 0 new, 0 deactivated");
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = TRUE AND app_id = " + back)).isEqualTo(1);
        assertThat(db.queryString("SELECT name FROM games WHERE app_id = " + back)).endsWith("(remastered)");
        assertThat(db.queryLong("SELECT price_change_number FROM games WHERE app_id = " + back)).isEqualTo(77);
        assertThat(inactive(db)).isEqualTo(70);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void gamesMissingFromOnePartOfTheListAreDeactivatedWhenTheNextCompleteListLacksThemToo(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        collect(db);
        // every other game among the first 140: not a run, not spread over the whole range
        List<Integer> gone = LIST.apps().stream().map(App::appId).filter(id -> id <= 1_400 && id % 20 == 0).toList();
        gone.forEach(LIST::remove);

        CliRun first = collect(db);

        assertThat(first.out()).contains("0 deactivated");
        assertThat(inactive(db)).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE missing_since IS NOT NULL")).isEqualTo(70);

        // one of them was only missing for a while: it is in the next list, and stays
        int blip = gone.getFirst();
        LIST.put(new App(blip, "Game " + blip, 1_700_000_000L, 1L));
        CliRun second = collect(db);

        assertThat(second.out()).contains("69 deactivated");
        assertThat(inactive(db)).isEqualTo(69);
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = TRUE AND app_id = " + blip)).isEqualTo(1);
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE missing_since IS NOT NULL")).isZero();
    }

    private static long inactive(TestDatabase db) {
        return db.queryLong("SELECT COUNT(*) FROM games WHERE is_active = FALSE");
    }

    private static String join(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private CliRun collect(TestDatabase db) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.put("STEAM_API_KEY", TestApis.API_KEY);
        CliRun run = CliRun.run(directory, env, "collect", "--limit", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }
}
