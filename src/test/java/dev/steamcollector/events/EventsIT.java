package dev.steamcollector.events;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.JarProcess;
import dev.steamcollector.testing.StoreDetailsFake;
import dev.steamcollector.testing.CatalogueFake;
import dev.steamcollector.testing.KafkaBroker;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Change events end to end: the CLI against fakes of the APIs and a real Kafka broker. */
class EventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CatalogueFake CATALOGUE = new CatalogueFake();
    private static final String JAR = System.getProperty("steamcollector.jar");

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .extensions(new StoreDetailsFake.Answers(), CATALOGUE)).build();

    private static KafkaBroker broker;

    @TempDir
    Path directory;

    private final String topic = "events-" + UUID.randomUUID();

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @BeforeEach
    void createTopic() {
        broker.createTopic(topic);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aCollectPublishesEachChangeOnceKeyedByAppId(String kind) throws IOException {
        TestDatabase db = TestDatabase.of(kind, directory);
        SteamSpyFake steamSpy = new SteamSpyFake(server);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();

        CliRun run = CliRun.run(directory, env(db), "collect");

        assertThat(run.exitCode()).as(run.err()).isZero();
        long queued = db.queryLong("SELECT COUNT(*) FROM events");
        assertThat(db.queryLong("SELECT COUNT(*) FROM events WHERE sent_at IS NULL")).isZero();
        List<ConsumerRecord<String, String>> records = broker.readAll(topic, (int) queued, Duration.ofSeconds(60));
        assertThat(records).hasSize((int) queued);
        assertThat(run.out()).contains("Events:    " + queued + " published to Kafka topic " + topic);
        List<JsonNode> events = values(records);
        assertThat(events.stream().map(e -> e.path("id").asText()).distinct()).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).key()).isEqualTo(events.get(i).path("app_id").asText());
        }
        int games = (int) db.queryLong("SELECT COUNT(*) FROM games");
        assertThat(ofType(events, "game_added")).hasSize(games);
        assertThat(ofType(events, "metadata_changed").stream().map(e -> e.path("app_id").asInt()).distinct())
                .hasSize(games);
        JsonNode developer = ofType(events, "metadata_changed").stream()
                .filter(e -> e.path("app_id").asInt() == 576960 && e.path("changes").has("developer"))
                .findFirst().orElseThrow();
        assertThat(developer.path("changes").path("developer").path("old").isNull()).isTrue();
        assertThat(developer.path("changes").path("developer").path("new").asText()).isEqualTo("Nuclear Tales");
        assertThat(Instant.parse(developer.path("occurred_at").asText())).isBefore(Instant.now());

        CliRun again = CliRun.run(directory, env(db), "collect");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM events")).as("nothing changed").isEqualTo(queued);
    }

    @Test
    void theCatalogueTellsWhichOfAGamesStoreFieldsChanged() throws IOException {
        TestDatabase db = TestDatabase.sqlite(directory);
        SteamSpyFake steamSpy = new SteamSpyFake(server);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        new StoreDetailsFake(server).serve();
        CATALOGUE.heal();
        CATALOGUE.serveOn(server);
        Map<String, String> env = env(db);
        env.putAll(Map.of("STORE_DETAILS", "true", "STORE_CATALOGUE", "true"));
        int appId = steamSpy.appId(0);

        CliRun run = CliRun.run(directory, env, "collect", "--app-ids", Integer.toString(appId));

        assertThat(run.exitCode()).as(run.err()).isZero();
        long queued = db.queryLong("SELECT COUNT(*) FROM events");
        List<JsonNode> events = values(broker.readAll(topic, (int) queued, Duration.ofSeconds(60)));
        JsonNode catalogue = ofType(events, "store_details_changed").stream()
                .filter(e -> e.path("source").asText().equals("catalogue")).findFirst().orElseThrow();
        assertThat(catalogue.path("app_id").asInt()).isEqualTo(appId);
        assertThat(catalogue.path("changes").path("tags_json").path("old").isNull()).isTrue();
        assertThat(catalogue.path("changes").path("steam_deck").path("new").asText())
                .isEqualTo(CatalogueFake.expected(appId).steamDeck());
        assertThat(ofType(events, "store_details_changed").stream().map(e -> e.path("source").asText()))
                .contains("catalogue", "appdetails", "appreviews");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void pricesPublishEachPriceChangeWithOldAndNewPrice(String kind) throws IOException {
        List<Integer> ids = IntStream.rangeClosed(1, 40).map(i -> i * 10).boxed().toList();
        TestDatabase db = TestDatabase.of(kind, directory).migrated(directory).withGames(ids);
        serveStore(ids, id -> 1999);

        CliRun first = CliRun.run(directory, env(db), "prices");
        assertThat(first.exitCode()).as(first.err()).isZero();
        serveStore(ids, id -> id <= 30 ? 999 : 1999);
        CliRun second = CliRun.run(directory, env(db), "prices");
        assertThat(second.exitCode()).as(second.err()).isZero();

        List<JsonNode> events = values(broker.readAll(topic, 43, Duration.ofSeconds(60)));
        assertThat(events).hasSize(43).allSatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("price_changed"));
        JsonNode drop = events.stream().filter(e -> e.path("app_id").asInt() == 20 && e.path("old_price_cents").isInt())
                .findFirst().orElseThrow();
        assertThat(drop.path("source").asText()).isEqualTo("store");
        assertThat(drop.path("currency").asText()).isEqualTo("USD");
        assertThat(drop.path("old_price_cents").asInt()).isEqualTo(1999);
        assertThat(drop.path("new_price_cents").asInt()).isEqualTo(999);
        assertThat(drop.path("new_discount_percent").asInt()).isEqualTo(50);
    }

    @Test
    void aStoppedBrokerLeavesTheRunSuccessfulAndTheNextRunRelaysTheBacklog() throws IOException {
        List<Integer> ids = IntStream.rangeClosed(1, 25).boxed().toList();
        TestDatabase db = TestDatabase.of("sqlite", directory).migrated(directory).withGames(ids);
        serveStore(ids, id -> 500);
        broker.stop();
        CliRun down;
        try {
            down = CliRun.run(directory, env(db), "prices");
        } finally {
            broker.resume();
        }

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("0 published to Kafka topic " + topic + ", 25 waiting for the next run (Kafka: ");
        assertThat(db.queryLong("SELECT COUNT(*) FROM events WHERE sent_at IS NULL")).isEqualTo(25);
        CliRun waiting = CliRun.run(directory, env(db), "status");
        assertThat(waiting.out()).as(waiting.err()).contains("Events:    25 waiting for Kafka, the oldest since ");

        CliRun next = CliRun.run(directory, env(db), "prices");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("Events:    25 published");
        assertThat(values(broker.readAll(topic, 25, Duration.ofSeconds(60)))).hasSize(25);
        assertThat(db.queryLong("SELECT COUNT(*) FROM events WHERE sent_at IS NULL")).isZero();
        assertThat(CliRun.run(directory, env(db), "status").out()).doesNotContain("waiting for Kafka");
    }

    @Test
    void aKillWhileRelayingLosesNoEvent() throws Exception {
        assertThat(JAR).as("system property steamcollector.jar (set by failsafe)").isNotNull();
        List<Integer> ids = IntStream.rangeClosed(1, 3_000).boxed().toList();
        TestDatabase db = TestDatabase.of("sqlite", directory).migrated(directory).withGames(ids);
        serveStore(ids, id -> 700);
        Process child = startPrices(db);
        try {
            // the first records on the topic mean the relay is under way: kill it there
            List<ConsumerRecord<String, String>> early = broker.readAll(topic, 1, Duration.ofSeconds(120));
            assertThat(early).as("events began to arrive").isNotEmpty();
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
        long queued = db.queryLong("SELECT COUNT(*) FROM events");
        assertThat(queued).as("the price batches committed before the relay").isEqualTo(3_000);

        CliRun rerun = CliRun.run(directory, env(db), "prices");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();

        List<JsonNode> delivered = values(broker.readAll(topic, (int) queued, Duration.ofSeconds(120)));
        Set<String> distinct = new HashSet<>();
        delivered.forEach(event -> distinct.add(event.path("id").asText()));
        assertThat(distinct).as("every event at least once").containsAll(eventIds(db));
        assertThat(delivered.size() - distinct.size()).as("duplicates at most for the unmarked chunk").isLessThanOrEqualTo(500);
    }

    private Process startPrices(TestDatabase db) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(JarProcess.command(List.of(), "prices"))
                .directory(directory.toFile())
                .redirectOutput(directory.resolve("prices.out").toFile())
                .redirectError(directory.resolve("prices.err").toFile());
        builder.environment().keySet().removeIf(v -> v.startsWith("STEAM") || v.startsWith("KAFKA") || v.equals("DATABASE_URL"));
        builder.environment().putAll(env(db));
        return builder.start();
    }

    private Map<String, String> env(TestDatabase db) {
        Map<String, String> env = TestApis.environment(server.baseUrl(), db.url());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("KAFKA_TOPIC", topic);
        return env;
    }

    private static List<String> eventIds(TestDatabase db) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = db.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT event_id FROM events"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static List<JsonNode> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> {
            try {
                return JSON.readTree(record.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    /** Answers the Store's price requests for {@code ids}, 100 a request, with a discount off 1999 when cheaper. */
    private static void serveStore(List<Integer> ids, IntUnaryOperator price) {
        for (int from = 0; from < ids.size(); from += 100) {
            List<Integer> batch = ids.subList(from, Math.min(ids.size(), from + 100));
            String body = batch.stream().map(id -> {
                int cents = price.applyAsInt(id);
                int discount = cents < 1999 ? Math.round(100f - cents * 100f / 1999) : 0;
                return "\"" + id + "\":{\"success\":true,\"data\":{\"price_overview\":{\"currency\":\"USD\",\"initial\":"
                        + Math.max(cents, 1999) + ",\"final\":" + cents + ",\"discount_percent\":" + discount + "}}}";
            }).collect(Collectors.joining(",", "{", "}"));
            server.stubFor(get(urlPathEqualTo("/api/appdetails"))
                    .withQueryParam("appids", equalTo(batch.stream().map(String::valueOf).collect(Collectors.joining(","))))
                    .willReturn(okJson(body)));
        }
    }

}
