package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.model.PriceCandidate;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.testing.AppListFake;
import dev.steamcollector.testing.AppListFake.App;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.StoreFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code prices} driven by the keyed app list's change numbers, end to end: an app list fake whose
 * numbers move for some games, a Store fake that answers any batch, a Discord fake, a real database.
 */
class ChangeNumbersIT {

    private static final int GAMES = 300;
    private static final AppListFake LIST = new AppListFake();
    private static final StoreFake STORE = new StoreFake();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(LIST, STORE)).build();

    @TempDir
    Path directory;

    @BeforeEach
    void fakes() {
        LIST.apps().forEach(app -> LIST.remove(app.appId()));
        LIST.putAll(AppListFake.catalogue(GAMES));
        LIST.pageSize(120);
        LIST.uncut();
        LIST.serve(server);
        STORE.serve(server);
        for (App app : LIST.apps()) {
            STORE.answer("us", app.appId(), catalogue(app.appId()));
        }
        server.stubFor(post(urlEqualTo("/webhook")).willReturn(aResponse().withStatus(204)));
        // these tests are about prices: SteamSpy knows nothing
        server.stubFor(get(urlPathEqualTo("/api.php")).atPriority(10).willReturn(okJson("{}")));
    }

    /** Every 25th game is free, every 50th (from the 8th) unknown, the rest full price. */
    private static String catalogue(int appId) {
        int index = appId / 10 - 1;
        return index % 50 == 7 ? StoreFake.UNKNOWN : index % 25 == 3 ? StoreFake.FREE
                : StoreFake.priced("USD", 2000, 2000, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void asksTheStoreOnlyAboutMovedNewAndSweptGames(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        Map<String, String> env = env(db);
        CliRun first = prices(env);
        assertThat(StoreFake.asked(server, "us")).as("a first run: every game is new").hasSize(GAMES);
        assertThat(first.out()).contains("Store us:  300 games asked about: 0 moved, 300 new, 0 sweep");
        long unknown = IntStream.range(0, GAMES).filter(i -> i % 50 == 7).count();
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_history WHERE source = 'store'")).isEqualTo(GAMES - unknown);
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_checks WHERE country = 'us'")).isEqualTo(GAMES);
        assertThat(db.queryLong("SELECT price_change_number FROM games WHERE app_id = 10")).isEqualTo(1_000);

        // 30 priced games go on sale (their change numbers move), 5 games are new, 3 were last checked 8 days ago
        List<Integer> moved = IntStream.range(0, GAMES).filter(i -> i % 10 == 0).map(i -> 10 * (i + 1)).boxed().toList();
        moved.forEach(id -> {
            LIST.put(LIST.get(id).withPriceChangeNumber(LIST.get(id).priceChangeNumber() + 7));
            STORE.answer("us", id, StoreFake.priced("USD", 2000, 1000, 50));
        });
        List<Integer> added = IntStream.rangeClosed(1, 5).map(i -> 50_000 + 10 * i).boxed().toList();
        added.forEach(id -> {
            LIST.put(new App(id, "Game " + id, 1_750_000_000L, 1L));
            STORE.answer("us", id, StoreFake.priced("USD", 999, 999, 0));
        });
        List<Integer> overdue = List.of(20, 30, 40);
        checkedLongAgo(db, overdue, Duration.ofDays(8));
        server.resetRequests();

        CliRun second = prices(env);

        List<Integer> expected = new ArrayList<>(moved);
        expected.addAll(added);
        expected.addAll(overdue);
        assertThat(StoreFake.asked(server, "us")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(second.out()).contains("Store us:  38 games asked about: 30 moved, 5 new, 3 sweep")
                .contains("305 games listed from Steam Web API IStoreService/GetAppList, 5 new, 0 deactivated");
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_history WHERE price_cents = 1000 AND discount_percent = 50"))
                .isEqualTo(30);
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_history WHERE price_cents = 999")).isEqualTo(5);
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE kind = 'new_discount'")).isEqualTo(30);
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE sent_at IS NOT NULL")).isEqualTo(30);
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/webhook")))).hasSize(3);
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_checks c JOIN games g ON g.app_id = c.app_id"
                + " WHERE c.price_change_number = g.price_change_number")).isEqualTo(GAMES + 5);

        server.resetRequests();
        CliRun third = prices(env);

        // nothing moved: only the sweep's share of a few seconds out of a week, one game
        assertThat(StoreFake.asked(server, "us")).hasSize(1);
        assertThat(third.out()).contains("Store us:  1 game asked about: 0 moved, 0 new, 1 sweep");
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications")).isEqualTo(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void allAsksAboutEveryActiveGameAndEachCountryKeepsItsOwnChecks(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        Map<String, String> env = env(db);
        prices(env);
        env.put("STORE_COUNTRY_CODES", "us,de");
        LIST.apps().forEach(app -> STORE.answer("de", app.appId(), StoreFake.priced("EUR", 1800, 1800, 0)));
        server.resetRequests();

        CliRun withGermany = prices(env);

        assertThat(StoreFake.asked(server, "de")).as("never priced in de").hasSize(GAMES);
        assertThat(StoreFake.asked(server, "us")).hasSizeLessThanOrEqualTo(1);
        assertThat(withGermany.out()).contains("Store de:  300 games asked about: 0 moved, 300 new, 0 sweep");

        server.resetRequests();
        CliRun all = prices(env, "--all");

        assertThat(StoreFake.asked(server, "us")).hasSize(GAMES);
        assertThat(StoreFake.asked(server, "de")).hasSize(GAMES);
        assertThat(all.out()).contains("Store us:  300 games asked about: every active game (--all)");
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_checks")).isEqualTo(2L * GAMES);
    }

    @Test
    void withoutAKeyEveryActiveGameIsAskedAboutAndTheRunSaysSoOnce() {
        TestDatabase db = TestDatabase.of("sqlite", directory);
        Map<String, String> keyed = env(db);
        prices(keyed);
        Map<String, String> keyless = new HashMap<>(keyed);
        keyless.remove("STEAM_API_KEY");
        keyless.put("STORE_COUNTRY_CODES", "us,de");
        server.resetRequests();
        Logger trackerLog = (Logger) LoggerFactory.getLogger(PriceTracker.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        trackerLog.addAppender(logged);
        CliRun run;
        try {
            run = prices(keyless);
        } finally {
            trackerLog.detachAppender(logged);
        }

        assertThat(AppListFake.requests(server)).isZero();
        assertThat(StoreFake.asked(server, "us")).hasSize(GAMES);
        assertThat(StoreFake.asked(server, "de")).hasSize(GAMES);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(message -> message.contains("No STEAM_API_KEY")).hasSize(1);
        assertThat(run.out()).contains("Store us:  300 games asked about: every active game (no STEAM_API_KEY)")
                .contains("Store de:  300 games asked about: every active game (no STEAM_API_KEY)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void aFailedBatchIsAskedAboutAgainNextRun(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        Map<String, String> env = env(db);
        env.put("RETRY_ATTEMPTS", "0");
        // the first request (games 10..1000 at --per-request 100) fails once
        server.stubFor(get(urlPathEqualTo(StoreFake.PATH)).atPriority(1).inScenario("fail")
                .whenScenarioStateIs("Started").willReturn(aResponse().withStatus(400).withBody("null"))
                .willSetStateTo("ok"));

        CliRun first = CliRun.run(directory, env, "prices");
        assertThat(first.out()).contains("100 failed");
        server.resetRequests();

        prices(env);

        List<Integer> again = StoreFake.asked(server, "us");
        assertThat(again).hasSizeGreaterThanOrEqualTo(100)
                .containsAll(IntStream.rangeClosed(1, 100).map(i -> 10 * i).boxed().toList());
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_checks")).isEqualTo(GAMES);
    }

    /** Makes these games look last checked {@code ago} in the US, through the program's own repository. */
    private static void checkedLongAgo(TestDatabase db, List<Integer> appIds, Duration ago) {
        try (Database database = Database.open(db.settings())) {
            List<PriceCandidate> games = appIds.stream()
                    .map(id -> new PriceCandidate(id, LIST.get(id).priceChangeNumber(), PriceCandidate.Reason.SWEEP))
                    .toList();
            database.priceChecks().store("us", games, List.of(),
                    Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS), change -> Optional.empty(),
                    Optional.empty());
        }
    }

    private Map<String, String> env(TestDatabase db) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.put("STEAM_API_KEY", TestApis.API_KEY);
        env.put("ENABLE_DISCORD", "true");
        env.put("DISCORD_WEBHOOK_URL", server.baseUrl() + "/webhook");
        return env;
    }

    private CliRun prices(Map<String, String> env, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "prices";
        System.arraycopy(options, 0, args, 1, options.length);
        CliRun run = CliRun.run(directory, env, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }
}
