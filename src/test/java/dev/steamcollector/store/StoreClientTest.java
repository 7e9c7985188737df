package dev.steamcollector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreClientTest {

    private static final String SAMPLES = "/fixtures/samples/";

    // parsing needs no connection: the endpoint client is never called
    private final StoreClient client = new StoreClient(HttpUrl.get("http://localhost/"), null, null, new ObjectMapper());

    @Test
    void readsThePriceOfARealAnswer() throws IOException {
        Map<Integer, StorePrice> prices = client.parse(resource("store_appdetails_292030_excerpt.json"), List.of(292030));

        assertThat(prices).containsExactly(Map.entry(292030, new StorePrice.Priced("EUR", 2999, 2999, 0)));
    }

    @Test
    void readsADiscountInTheCurrencyTheStoreNames() throws IOException {
        Map<Integer, StorePrice> prices = client.parse(resource("store_appdetails_discounted_krw_fixture.json"),
                List.of(413150));

        assertThat(prices.get(413150)).isEqualTo(new StorePrice.Priced("KRW", 1_600_000, 1_200_000, 25));
    }

    @Test
    void readsADataObjectInItsAnswerEnvelope() throws IOException {
        // the fixture is the data object alone: wrapped as the Store sends it
        String body = "{\"358150\":{\"success\":true,\"data\":" + resource("store_appdetails_data_dlc_358150_excerpt.json")
                + "}}";

        assertThat(client.parse(body, List.of(358150)).get(358150))
                .isEqualTo(new StorePrice.Priced("USD", 199, 199, 0));
    }

    @Test
    void aFreeGameComesWithEmptyData() throws IOException {
        // with filters=price_overview a free game's data is [], where a paid game's is an object
        Map<Integer, StorePrice> prices = client.parse("{\"570\":{\"success\":true,\"data\":[]}}", List.of(570));

        assertThat(prices.get(570)).isEqualTo(new StorePrice.Free());
    }

    @Test
    void anUnknownAppIsUnknown() throws IOException {
        Map<Integer, StorePrice> prices = client.parse(resource("store_appdetails_success_false.json"),
                List.of(999_999_999));

        assertThat(prices.get(999_999_999)).isEqualTo(new StorePrice.Unknown());
    }

    @Test
    void anAppMissingFromTheAnswerIsUnknownAndEveryAskedAppHasAnAnswerInOrder() throws IOException {
        Map<Integer, StorePrice> prices = client.parse(resource("store_appdetails_292030_excerpt.json"),
                List.of(10, 292030));

        assertThat(prices).containsExactly(Map.entry(10, new StorePrice.Unknown()),
                Map.entry(292030, new StorePrice.Priced("EUR", 2999, 2999, 0)));
    }

    @Test
    void anAnswerAboutAnAppIdNotAskedIsNeverTakenForTheAskedGame() throws IOException {
        String body = "{\"1009\":{\"success\":true,\"data\":{\"price_overview\":{\"currency\":\"USD\",\"initial\":999,"
                + "\"final\":1,\"discount_percent\":99}}}}";

        Map<Integer, StorePrice> prices = client.parse(body, List.of(1017));

        assertThat(prices).containsOnlyKeys(1017);
        assertThat(prices.get(1017)).isInstanceOfSatisfying(StorePrice.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("1009").contains("1017"));
    }

    @Test
    void anAskedGameAnsweredUnderItsOwnAppIdKeepsItsPriceBesideAForeignEntry() throws IOException {
        String body = "{\"10\":{\"success\":true,\"data\":[]},\"1009\":{\"success\":false}}";

        Map<Integer, StorePrice> prices = client.parse(body, List.of(10, 1017));

        assertThat(prices.get(10)).isEqualTo(new StorePrice.Free());
        assertThat(prices.get(1017)).isInstanceOf(StorePrice.Invalid.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"currency\":\"USD\",\"initial\":99999999999999999999,\"final\":999,\"discount_percent\":0}",
        "{\"currency\":\"USD\",\"initial\":1999,\"final\":4294967296,\"discount_percent\":0}",
        "{\"currency\":\"USD\",\"initial\":1999,\"final\":-5,\"discount_percent\":0}",
        "{\"currency\":\"USD\",\"initial\":-1999,\"final\":999,\"discount_percent\":0}",
        "{\"currency\":\"USD\",\"initial\":1999,\"final\":999,\"discount_percent\":150}",
        "{\"currency\":\"USD\",\"initial\":1999,\"final\":999,\"discount_percent\":-10}",
        "{\"currency\":\"USD\",\"initial\":\"1999\",\"final\":999,\"discount_percent\":50}",
        "{\"currency\":\"USD\",\"initial\":1999,\"discount_percent\":50}",
        "{\"currency\":\"US Dollars\",\"initial\":1999,\"final\":999,\"discount_percent\":50}",
        "{\"initial\":1999,\"final\":999,\"discount_percent\":50}",
        "\"$9.99\""})
    void aPriceOutsideItsSaneRangeIsInvalid(String overview) throws IOException {
        String body = "{\"292030\":{\"success\":true,\"data\":{\"price_overview\":" + overview + "}}}";

        assertThat(client.parse(body, List.of(292030)).get(292030)).isInstanceOf(StorePrice.Invalid.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"success\":true}", "{\"success\":true,\"data\":\"free\"}",
        "{\"success\":true,\"data\":[1]}"})
    void aSuccessWithoutUsableDataIsInvalidNotFree(String entry) throws IOException {
        assertThat(client.parse("{\"570\":" + entry + "}", List.of(570)).get(570)).isInstanceOf(StorePrice.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "[{\"292030\":{\"success\":true}}]", "\"Access Denied\"", "42"})
    void anAnswerThatIsNotAnObjectIsAnError(String body) {
        assertThatThrownBy(() -> client.parse(body, List.of(292030)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"292030\":{\"success\":tr", "<html>Error</html>", ""})
    void malformedOrEmptyJsonIsAnError(String body) {
        assertThatThrownBy(() -> client.parse(body, List.of(292030))).isInstanceOf(IOException.class);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StoreClientTest.class.getResourceAsStream(SAMPLES + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
