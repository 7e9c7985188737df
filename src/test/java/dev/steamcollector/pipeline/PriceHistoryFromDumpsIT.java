package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.Fixtures;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two keyless {@code collect} runs over pages 0 and 1 of the two real SteamSpy dumps, 2023 then
 * 2025. What should happen is worked out here from the same pages, independently of the product.
 */
class PriceHistoryFromDumpsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_DROP = 10;
    private static final int MIN_DISCOUNT = 25;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    /** One {@code price_history} row as the test compares it. */
    record Price(int appId, int priceCents, Integer initialPriceCents, Integer discountPercent) {
    }

    /** A game as the product keeps it from a dump: first sighting in page order, its name and price. */
    record Sighting(String name, Optional<Price> price) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void theHistoryHoldsExactlyTheChangedPricesAndOnlyTheSecondRunAnnouncesTheDrops(String kind) throws Exception {
        TestDatabase db = TestDatabase.of(kind, directory);
        Map<Integer, Sighting> dump2023 = catalogue("2023-02-04");
        Map<Integer, Sighting> dump2025 = catalogue("2025-01-01");
        Map<Integer, Price> priced2023 = priced(dump2023);
        Map<Integer, Price> priced2025 = priced(dump2025);
        List<Price> changedIn2025 = priced2025.values().stream()
                .filter(now -> !now.equals(priced2023.get(now.appId()))).toList();
        Map<Integer, String> expectedKinds = new LinkedHashMap<>();
        priced2025.values().forEach(now -> Optional.ofNullable(priced2023.get(now.appId()))
                .flatMap(before -> expectedKind(before, now)).ifPresent(k -> expectedKinds.put(now.appId(), k)));
        // what these pages hold, so that a slip in the expectations above cannot make the test vacuous:
        // 15 appids twice on 2023's pages, 234630 twice on 2025's, 727 games on both, 526 of them repriced
        assertThat(priced2023).hasSize(1_985);
        assertThat(changedIn2025).hasSize(526 + 1_272);
        assertThat(expectedKinds.values()).filteredOn("New discount"::equals).hasSize(461);
        assertThat(expectedKinds.values()).filteredOn("Price drop"::equals).hasSize(40);

        serveDump("2023-02-04");
        CliRun first = CliRun.run(directory, environment(db), "collect", "--limit", "0");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(rows(db, 0)).containsExactlyInAnyOrderElementsOf(priced2023.values());
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/webhook")))).isEmpty();
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications")).isZero();
        long lastRowOfFirstRun = db.queryLong("SELECT MAX(id) FROM price_history");

        serveDump("2025-01-01");
        CliRun second = CliRun.run(directory, environment(db), "collect", "--full-refresh", "--limit", "0");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(rows(db, lastRowOfFirstRun)).containsExactlyInAnyOrderElementsOf(changedIn2025);
        assertThat(db.queryLong("SELECT COUNT(*) FROM price_history WHERE source <> 'steamspy' OR currency <> 'USD'"))
                .isZero();
        List<JsonNode> embeds = postedEmbeds();
        assertThat(embeds).extracting(PriceHistoryFromDumpsIT::appIdOf)
                .containsExactlyInAnyOrderElementsOf(expectedKinds.keySet());
        for (JsonNode embed : embeds) {
            int appId = appIdOf(embed);
            assertThat(embed.path("title").asText()).isEqualTo(title(appId, dump2025, dump2023));
            assertThat(embed.path("description").asText()).isEqualTo(String.format(Locale.ROOT, "%s: %s → %s",
                    expectedKinds.get(appId), usd(priced2023.get(appId).priceCents()),
                    usd(priced2025.get(appId).priceCents())));
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM notifications WHERE outcome = 'sent' AND sent_at IS NOT NULL"))
                .isEqualTo(expectedKinds.size())
                .isEqualTo(db.queryLong("SELECT COUNT(*) FROM notifications"));
        assertThat(second.out()).contains(String.format("%d price changes announced in %d messages, 0 summarized",
                expectedKinds.size(), (expectedKinds.size() + 9) / 10));
    }

    /** PriceAlertRules, restated: a discount reaching the minimum with a lower price, or a big enough drop. */
    private static Optional<String> expectedKind(Price before, Price now) {
        if (now.equals(before)) {
            return Optional.empty();
        }
        int discount = Objects.requireNonNullElse(now.discountPercent(), 0);
        int discountBefore = Objects.requireNonNullElse(before.discountPercent(), 0);
        boolean fell = now.priceCents() < before.priceCents();
        if (discount >= MIN_DISCOUNT && discountBefore < MIN_DISCOUNT && fell) {
            return Optional.of("New discount");
        }
        if (before.priceCents() > 0 && fell
                && (before.priceCents() - now.priceCents()) * 100L >= (long) MIN_DROP * before.priceCents()) {
            return Optional.of("Price drop");
        }
        return Optional.empty();
    }

    private Map<String, String> environment(TestDatabase db) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.put("ENABLE_DISCORD", "true");
        env.put("DISCORD_WEBHOOK_URL", server.baseUrl() + "/webhook");
        env.put("NOTIFY_MIN_DROP_PERCENT", String.valueOf(MIN_DROP));
        env.put("NOTIFY_MIN_DISCOUNT_PERCENT", String.valueOf(MIN_DISCOUNT));
        env.put("NOTIFY_MAX_PER_RUN", "100000");
        return env;
    }

    /** Pages 0 and 1 of a dump as SteamSpy's {@code all} pages, then the empty page that ends a pass. */
    private static void serveDump(String dump) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/webhook")).willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlPathEqualTo("/api.php")).atPriority(10).willReturn(okJson("{}")));
        for (int page = 0; page <= 1; page++) {
            server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(okJson(Fixtures.read("steamspy-all/" + dump + "/page-" + page + ".json.gz"))));
        }
    }

    /**
     * The games of a dump's pages 0 and 1 as the product reads them: appid from the record, no
     * record without an appid or a name, the first sighting of an appid wins.
     */
    private static Map<Integer, Sighting> catalogue(String dump) throws IOException {
        Map<Integer, Sighting> games = new LinkedHashMap<>();
        for (int page = 0; page <= 1; page++) {
            JsonNode records = JSON.readTree(Fixtures.read("steamspy-all/" + dump + "/page-" + page + ".json.gz"));
            for (Iterator<JsonNode> it = records.elements(); it.hasNext(); ) {
                JsonNode record = it.next();
                int appId = record.path("appid").asInt(0);
                if (appId <= 0 || appId == 999_999 || record.path("name").isNull() || record.path("name").isMissingNode()) {
                    continue;
                }
                Optional<Price> price = cents(record.get("price")).map(cents -> new Price(appId, cents,
                        cents(record.get("initialprice")).orElse(null), cents(record.get("discount")).orElse(null)));
                games.putIfAbsent(appId, new Sighting(record.get("name").asText(), price));
            }
        }
        return games;
    }

    private static Map<Integer, Price> priced(Map<Integer, Sighting> games) {
        Map<Integer, Price> prices = new LinkedHashMap<>();
        games.values().forEach(game -> game.price().ifPresent(price -> prices.put(price.appId(), price)));
        return prices;
    }

    /** SteamSpy sends its numbers as strings of digits; anything else is no number. */
    private static Optional<Integer> cents(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        return text.matches("-?\\d{1,9}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
    }

    private static List<Price> rows(TestDatabase db, long afterId) throws SQLException {
        List<Price> rows = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT app_id, price_cents, initial_price_cents,"
                        + " discount_percent FROM price_history WHERE id > " + afterId)) {
            while (result.next()) {
                rows.add(new Price(result.getInt(1), result.getInt(2), nullableInt(result, 3), nullableInt(result, 4)));
            }
        }
        return rows;
    }

    private static Integer nullableInt(ResultSet result, int column) throws SQLException {
        int value = result.getInt(column);
        return result.wasNull() ? null : value;
    }

    /** Every embed of every message Discord received, checking Discord's ten-embed limit on the way. */
    private static List<JsonNode> postedEmbeds() throws IOException {
        List<JsonNode> embeds = new ArrayList<>();
        for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo("/webhook")))) {
            JsonNode message = JSON.readTree(request.getBodyAsString());
            assertThat(message.path("embeds").size()).isBetween(1, 10);
            message.path("embeds").forEach(embeds::add);
        }
        return embeds;
    }

    private static int appIdOf(JsonNode embed) {
        String url = embed.path("url").asText();
        assertThat(url).startsWith(server.baseUrl() + "/app/");
        return Integer.parseInt(url.substring(url.lastIndexOf('/') + 1));
    }

    /** The games table keeps the latest non-empty name; a message shows "App N" for a blank one. */
    private static String title(int appId, Map<Integer, Sighting> latest, Map<Integer, Sighting> earlier) {
        return Optional.ofNullable(latest.get(appId)).map(Sighting::name).filter(name -> !name.isEmpty())
                .or(() -> Optional.ofNullable(earlier.get(appId)).map(Sighting::name).filter(name -> !name.isEmpty()))
                .filter(name -> !name.isBlank())
                .orElse("App " + appId);
    }

    private static String usd(int cents) {
        return String.format(Locale.ROOT, "USD %d.%02d", cents / 100, cents % 100);
    }
}
