package dev.steamcollector.steamspy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.Bounds;
import dev.steamcollector.model.GameMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SteamSpyParserTest {

    private static final String SAMPLES = "/fixtures/samples/";

    private final ObjectMapper json = new ObjectMapper();
    private final SteamSpyParser parser = new SteamSpyParser(json);

    @Nested
    class AppDetails {

        @Test
        void readsTheDocumentationExample() throws IOException {
            GameMetadata game = details(resource(SAMPLES + "steamspy_appdetails_doc_example_1462040.json"));

            assertThat(game.appId()).isEqualTo(1462040);
            assertThat(game.developer()).isEqualTo("Square Enix");
            assertThat(game.ownersEstimate()).isEqualTo("1,000,000 .. 2,000,000");
            assertThat(game.ownersMin()).isEqualTo(1_000_000L);
            assertThat(game.ownersMax()).isEqualTo(2_000_000L);
            assertThat(game.priceCents()).isEqualTo(1399);
            assertThat(game.initialPriceCents()).isEqualTo(3999);
            assertThat(game.discountPercent()).isEqualTo(65);
            assertThat(game.scoreRank()).isNull();
            assertThat(game.positiveReviews()).isEqualTo(33079);
            assertThat(game.ccu()).isEqualTo(761);
            assertThat(game.genre()).isEqualTo("Action, Adventure, RPG");
            assertThat(game.languages()).startsWith("English, French");
        }

        @Test
        void keepsTheTagsObjectAsJsonText() throws IOException {
            String body = resource(SAMPLES + "steamspy_appdetails_doc_example_1462040.json");

            String tags = details(body).tagsJson();

            assertThat(json.readTree(tags)).isEqualTo(json.readTree(body).get("tags"));
            assertThat(json.readTree(tags).get("JRPG").asInt()).isEqualTo(347);
        }

        @Test
        void storesAnEmptyTagsArrayAsAnEmptyObject() throws IOException {
            GameMetadata game = details(appDetails2018().get(697210).toString());

            assertThat(game.tagsJson()).isEqualTo("{}");
        }

        @Test
        void keepsAnIntegerScoreRank() throws IOException {
            assertThat(details(appDetails2018().get(755540).toString()).scoreRank()).isEqualTo(79);
        }

        @Test
        void readsAFreeGamesPriceAsZeroCents() throws IOException {
            GameMetadata game = details(appDetails2018().get(755540).toString());

            assertThat(game.priceCents()).isZero();
            assertThat(game.averagePlaytimeForever()).isEqualTo(9);
        }

        @Test
        void leavesANullPriceNullAndEmptyCompaniesNull() throws IOException {
            GameMetadata game = details(quirk("null_price (page 37)").toString());

            assertThat(game.priceCents()).isNull();
            assertThat(game.initialPriceCents()).isNull();
            assertThat(game.discountPercent()).isNull();
            assertThat(game.developer()).isNull();
            assertThat(game.publisher()).isNull();
            assertThat(game.ownersMin()).isZero();
            assertThat(game.ownersMax()).isEqualTo(20_000L);
        }

        @Test
        void keepsAGameWhoseNameIsEmpty() throws IOException {
            SteamSpyRecord game = parser.parseDetails(576960, quirk("empty_name (page 16)").toString()).orElseThrow();

            assertThat(game.appId()).isEqualTo(576960);
            assertThat(game.name()).isEmpty();
            assertThat(game.metadata().developer()).isEqualTo("Nuclear Tales");
            assertThat(game.metadata().publisher()).isNull();
            assertThat(game.metadata().positiveReviews()).isEqualTo(110);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "{}",
            "{\"name\":\"Half-Life\",\"developer\":\"Valve\"}",
            "{\"appid\":0,\"name\":\"\",\"developer\":\"\",\"owners\":\"0 .. 20,000\"}",
            "{\"appid\":10,\"name\":null,\"developer\":\"\",\"owners\":\"0 .. 20,000\"}",
            "{\"appid\":10,\"developer\":\"Valve\"}",
            "{\"appid\":999999,\"name\":\"Hidden\",\"developer\":\"\",\"owners\":\"0 .. 20,000\"}"})
        void readsEveryNotFoundShapeAsEmpty(String body) throws IOException {
            assertThat(parser.parseDetails(10, body)).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"[]", "\"x\"", "null", "42"})
        void rejectsABodyThatIsNotAnObject(String body) {
            assertThatThrownBy(() -> parser.parseDetails(10, body)).isInstanceOf(IOException.class);
        }

        private GameMetadata details(String body) throws IOException {
            return parser.parseDetails(json.readTree(body).path("appid").asInt(), body).orElseThrow().metadata();
        }

        private Map<Integer, JsonNode> appDetails2018() throws IOException {
            JsonNode records = json.readTree(resource(SAMPLES + "steamspy_appdetails_2018_excerpt.json"));
            return StreamSupport.stream(records.spliterator(), false)
                    .collect(Collectors.toMap(r -> r.get("appid").asInt(), Function.identity()));
        }

        /** The quirks file wraps each verbatim {@code {appid: record}} in a label: the record inside. */
        private JsonNode quirk(String label) throws IOException {
            JsonNode wrapped = json.readTree(resource(SAMPLES + "steamspy_all_2025-01-01_quirks.json")).get(label);
            return wrapped.elements().next();
        }
    }

    @Nested
    class AllPages {

        @Test
        void readsEveryRecordOfARealPage() throws IOException {
            List<SteamSpyRecord> page = parser.parsePage(gzipped("/fixtures/steamspy-all/2025-01-01/page-0.json.gz"));

            assertThat(page).hasSize(1000);
            assertThat(page.getFirst().appId()).isEqualTo(570);
            assertThat(page.getFirst().name()).isEqualTo("Dota 2");
            assertThat(page.getFirst().metadata().ownersMax()).isEqualTo(500_000_000L);
        }

        @Test
        void pageRecordsCarryNoGenreLanguagesOrTags() throws IOException {
            List<SteamSpyRecord> page = parser.parsePage(gzipped("/fixtures/steamspy-all/2025-01-01/page-0.json.gz"));

            assertThat(page).extracting(SteamSpyRecord::metadata)
                    .allSatisfy(game -> {
                        assertThat(game.genre()).isNull();
                        assertThat(game.languages()).isNull();
                        assertThat(game.tagsJson()).isNull();
                    });
        }

        @Test
        void readsTheLastPageWithItsQuirks() throws IOException {
            Map<Integer, SteamSpyRecord> page = parser.parsePage(gzipped("/fixtures/steamspy-all/2025-01-01/page-79.json.gz"))
                    .stream().collect(Collectors.toMap(SteamSpyRecord::appId, Function.identity()));

            assertThat(page).hasSize(811);
            assertThat(page.get(499450).metadata().priceCents()).isNull();
            assertThat(page.get(239490).metadata().priceCents()).isNull();
            assertThat(page.get(239490).metadata().initialPriceCents()).isZero();
            assertThat(page.get(17760).name()).isEmpty();
        }

        @Test
        void readsTheIntegerScoreRankOfAPageRecord() throws IOException {
            List<SteamSpyRecord> page = parser.parsePage(
                    json.readTree(resource(SAMPLES + "steamspy_all_2025-01-01_quirks.json")).get("int_score_rank (page 2)")
                            .toString());

            assertThat(page).singleElement().satisfies(game -> assertThat(game.metadata().scoreRank()).isEqualTo(100));
        }

        @Test
        void readsThePagePastTheLastAsEmpty() throws IOException {
            assertThat(parser.parsePage("{}")).isEmpty();
        }

        @Test
        void skipsNotFoundRecordsOnAPage() throws IOException {
            String body = "{\"0\":{\"appid\":0,\"name\":\"\"},\"10\":{\"appid\":10,\"name\":\"Counter-Strike\"},"
                    + "\"999999\":{\"appid\":999999,\"name\":\"x\"}}";

            assertThat(parser.parsePage(body)).extracting(SteamSpyRecord::appId).containsExactly(10);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"[]", "\"x\"", "null", "{\"10\":5}"})
        void rejectsAPageThatIsNotAnObjectOfGames(String body) {
            assertThatThrownBy(() -> parser.parsePage(body)).isInstanceOf(IOException.class);
        }
    }

    /** Answers no real SteamSpy sends: about another game, or with values past any real one. */
    @Nested
    class HostileAnswers {

        private static final String EXAMPLE = SAMPLES + "steamspy_appdetails_doc_example_1462040.json";

        @Test
        void anAnswerAboutAnotherAppIdIsInvalidAndNamesBoth() throws IOException {
            String body = resource(EXAMPLE);

            assertThatThrownBy(() -> parser.parseDetails(1017, body)).isExactlyInstanceOf(FetchException.Invalid.class)
                    .hasMessageContaining("appid 1462040").hasMessageContaining("1017");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{\"appid\":1009,\"name\":null}", "{\"appid\":\"1009\",\"name\":\"x\"}",
            "{\"appid\":4294968313,\"name\":\"wraps to 1017\"}"})
        void anAnswerNamingAnotherAppIdIsInvalidEvenInANotFoundShape(String body) {
            assertThatThrownBy(() -> parser.parseDetails(1017, body)).isExactlyInstanceOf(FetchException.Invalid.class);
        }

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource(delimiter = '|', value = {
            "price          | \"99999999999999999999\"",
            "price          | 99999999999999999999",
            "price          | \"-100\"",
            "initialprice   | 10000001",
            "discount       | \"101\"",
            "discount       | -1",
            "positive       | -1",
            "negative       | \"-3\"",
            "ccu            | -1",
            "ccu            | 1.5",
            "ccu            | \"many\"",
            "ccu            | true",
            "average_forever| -10",
            "median_2weeks  | 99999999999",
            "score_rank     | 101",
            "owners         | \"lots\"",
            "owners         | \"50,000 .. 20,000\"",
            "owners         | \"0 .. 99,999,999,999,999\"",
            "owners         | \"0 .. 99999999999999999999999999\"",
            "name           | {\"en\":\"object\"}",
            "developer      | [\"a\",\"b\"]",
            "tags           | \"Indie\"",
            "tags           | {\"Indie\":-1}",
            "tags           | {\"Indie\":\"many\"}",
            "appid          | 99999999999999999999"})
        void aValueOutsideItsSaneRangeMakesTheAnswerInvalid(String field, String value) throws IOException {
            ObjectNode record = (ObjectNode) json.readTree(resource(EXAMPLE));
            record.set(field, json.readTree(value));

            assertThatThrownBy(() -> parser.parseDetails(1462040, record.toString()))
                    .isExactlyInstanceOf(FetchException.Invalid.class).hasMessageContaining(field.equals("appid") ? "appid" : field);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"name", "developer", "publisher", "genre", "languages", "tags"})
        void aFieldLongerThanAnyRealOneMakesTheAnswerInvalid(String field) throws IOException {
            ObjectNode record = (ObjectNode) json.readTree(resource(EXAMPLE));
            if (field.equals("tags")) {
                ObjectNode tags = record.putObject("tags");
                IntStream.range(0, 2_000).forEach(i -> tags.put("tag number " + i, i));
            } else {
                record.put(field, "x".repeat(field.equals("name") ? Bounds.NAME_CHARS + 1 : Bounds.TEXT_CHARS + 1));
            }

            assertThatThrownBy(() -> parser.parseDetails(1462040, record.toString()))
                    .isExactlyInstanceOf(FetchException.Invalid.class)
                    .hasMessageContaining(field)
                    .hasMessageNotContaining("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        }

        @Test
        void valuesAtTheEdgesOfTheirRangesAreKept() throws IOException {
            ObjectNode record = (ObjectNode) json.readTree(resource(EXAMPLE));
            record.put("price", "0").put("initialprice", Bounds.US_CENTS).put("discount", "100").put("ccu", 0)
                    .put("score_rank", 100).put("owners", "200,000,000 .. 500,000,000")
                    .put("name", "n".repeat(Bounds.NAME_CHARS));

            GameMetadata game = parser.parseDetails(1462040, record.toString()).orElseThrow().metadata();

            assertThat(game.priceCents()).isZero();
            assertThat(game.initialPriceCents()).isEqualTo((int) Bounds.US_CENTS);
            assertThat(game.discountPercent()).isEqualTo(100);
            assertThat(game.ownersMax()).isEqualTo(500_000_000L);
        }

        @Test
        void aPageKeepsItsValidRecordsAndSkipsTheInvalidOnes() throws IOException {
            String body = "{\"10\":{\"appid\":10,\"name\":\"Counter-Strike\",\"ccu\":12},"
                    + "\"1017\":{\"appid\":1009,\"name\":\"filed under another appid\",\"ccu\":1},"
                    + "\"20\":{\"appid\":20,\"name\":\"Team Fortress Classic\",\"ccu\":-5},"
                    + "\"30\":{\"appid\":30,\"name\":\"Day of Defeat\",\"price\":\"99999999999999999999\"},"
                    + "\"40\":{\"appid\":40,\"name\":\"Deathmatch Classic\",\"ccu\":3}}";

            assertThat(parser.parsePage(body)).extracting(SteamSpyRecord::appId).containsExactly(10, 40);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"2023-02-04/page-0", "2023-02-04/page-1", "2023-02-04/page-60", "2025-01-01/page-0",
            "2025-01-01/page-1", "2025-01-01/page-79"})
        void everyRecordOfTheRealPagesIsWithinTheBounds(String page) throws IOException {
            String body = gzipped("/fixtures/steamspy-all/" + page + ".json.gz");
            long known = StreamSupport.stream(json.readTree(body).spliterator(), false)
                    .filter(record -> record.path("appid").asInt() > 0 && !record.path("name").isNull()).count();

            assertThat(parser.parsePage(body)).hasSize((int) known);
        }

        @Test
        void everyCommittedAppDetailsRecordIsWithinTheBounds() throws IOException {
            String records = gzipped("/fixtures/steamspy-appdetails/records.jsonl.gz");

            for (String line : records.split("\n")) {
                if (!line.isBlank()) {
                    int appId = json.readTree(line).get("appid").asInt();
                    assertThat(parser.parseDetails(appId, line)).as(line).isPresent();
                }
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SteamSpyParserTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String gzipped(String name) throws IOException {
        try (InputStream in = SteamSpyParserTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
