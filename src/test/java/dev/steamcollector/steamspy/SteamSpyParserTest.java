package dev.steamcollector.steamspy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.model.GameMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
            SteamSpyRecord game = parser.parseDetails(quirk("empty_name (page 16)").toString()).orElseThrow();

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
            assertThat(parser.parseDetails(body)).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"[]", "\"x\"", "null", "42"})
        void rejectsABodyThatIsNotAnObject(String body) {
            assertThatThrownBy(() -> parser.parseDetails(body)).isInstanceOf(IOException.class);
        }

        private GameMetadata details(String body) throws IOException {
            return parser.parseDetails(body).orElseThrow().metadata();
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
