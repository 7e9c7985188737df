package dev.steamcollector.steam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.config.Secret;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.Bounds;
import dev.steamcollector.model.Game;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SteamWebApiClientTest {

    private static final String SAMPLES = "/fixtures/samples/";

    private final SteamWebApiClient client =
            new SteamWebApiClient(HttpUrl.get("http://localhost/"), new Secret("k"), null, new ObjectMapper());

    @Test
    void readsTheRealTerminalPageAsTheLast() throws IOException {
        AppListPage page = client.parsePage(resource(SAMPLES + "istoreservice_getapplist_terminal_page_excerpt.json"), 0);

        assertThat(page.haveMore()).isFalse();
        assertThat(page.apps()).hasSize(6)
                .startsWith(new Game(1520290, "Crumbling City", Instant.ofEpochSecond(1622275422), 0L))
                .contains(new Game(1520370, "ImproCréation", Instant.ofEpochSecond(1622050371), 0L))
                .endsWith(new Game(1520380, "HALF DEAD 3", Instant.ofEpochSecond(1619190551), 0L));
        assertThat(page.lastAppId()).isEqualTo(1520380);
    }

    @Test
    void takesTheCursorOfAPageWithMoreResults() throws IOException {
        String observed = resource(SAMPLES + "istoreservice_getapplist_observed_lines.txt").lines()
                .filter(line -> line.contains("have_more_results")).findFirst().orElseThrow();

        AppListPage page = client.parsePage(observed, 0);

        assertThat(page.haveMore()).isTrue();
        assertThat(page.lastAppId()).isEqualTo(1533720);
        assertThat(page.apps()).containsExactly(
                new Game(10, "Counter-Strike", Instant.parse("2025-04-23T00:36:12Z"), 29_993_100L));
    }

    @Test
    void fallsBackToTheHighestAppIdWhenTheCursorIsMissing() throws IOException {
        AppListPage page = client.parsePage(
                "{\"response\":{\"apps\":[{\"appid\":20,\"name\":\"b\"},{\"appid\":10,\"name\":\"a\"}],"
                        + "\"have_more_results\":true}}", 0);

        assertThat(page.haveMore()).isTrue();
        assertThat(page.lastAppId()).isEqualTo(20);
    }

    @Test
    void readsTheFieldsInAnyOrderAndPassesOverOnesItDoesNotKnow() throws IOException {
        AppListPage page = client.parsePage("{\"note\":[1,{\"a\":[]}],\"response\":{\"last_appid\":30,"
                + "\"have_more_results\":true,\"extra\":{\"apps\":[]},\"apps\":[{\"tags\":[{\"appid\":5}],"
                + "\"price_change_number\":7,\"name\":\"late\",\"appid\":30}]}}", 0);

        assertThat(page.apps()).containsExactly(new Game(30, "late", null, 7L));
        assertThat(page.haveMore()).isTrue();
        assertThat(page.lastAppId()).isEqualTo(30);
    }

    @Test
    void skipsEntriesThatAreNoObjectsAndCursorsThatAreNoAppIds() throws IOException {
        AppListPage page = client.parsePage("{\"response\":{\"apps\":[7,[{\"appid\":8}],null,{\"appid\":9}],"
                + "\"last_appid\":{\"appid\":100},\"have_more_results\":[true]}}", 0);

        assertThat(page.apps()).containsExactly(new Game(9, null));
        assertThat(page.haveMore()).isFalse();
        assertThat(page.lastAppId()).isEqualTo(9);
    }

    @Test
    void retriesTheEmptyResponseInsteadOfReadingItAsNoApps() throws IOException {
        String observed = resource(SAMPLES + "istoreservice_getapplist_observed_lines.txt").lines()
                .filter(line -> line.equals("{\"response\":{}}")).findFirst().orElseThrow();

        assertThatThrownBy(() -> client.parsePage(observed, 0))
                .isExactlyInstanceOf(FetchException.Retryable.class);
    }

    @Test
    void readsAnEmptyAppsArrayAsAnEmptyLastPage() throws IOException {
        AppListPage page = client.parsePage("{\"response\":{\"apps\":[]}}", 0);

        assertThat(page.apps()).isEmpty();
        assertThat(page.haveMore()).isFalse();
    }

    @Test
    void skipsEntriesWithoutAnAppId() throws IOException {
        AppListPage page = client.parsePage("{\"response\":{\"apps\":[{\"name\":\"?\"},{\"appid\":0},{\"appid\":7}]}}", 0);

        assertThat(page.apps()).containsExactly(new Game(7, null));
    }

    @Test
    void skipsEntriesWhoseAppIdIsNoAppIdAndKeepsTheRest() throws IOException {
        AppListPage page = client.parsePage("{\"response\":{\"apps\":[{\"appid\":-5,\"name\":\"neg\"},"
                + "{\"appid\":99999999999999999999,\"name\":\"huge\"},{\"appid\":4294967306,\"name\":\"wraps to 10\"},"
                + "{\"appid\":\"12\",\"name\":\"text\"},{\"appid\":1.5},{\"appid\":30,\"name\":\"ok\"}]}}", 0);

        assertThat(page.apps()).containsExactly(new Game(30, "ok"));
    }

    @Test
    void leavesOutANameLongerThanAnyRealOneButKeepsTheGame() throws IOException {
        String longName = "x".repeat(Bounds.NAME_CHARS + 1);

        AppListPage page = client.parsePage("{\"response\":{\"apps\":[{\"appid\":10,\"name\":\"" + longName
                + "\"},{\"appid\":20,\"name\":{\"a\":1}}]}}", 0);

        assertThat(page.apps()).containsExactly(new Game(10, null), new Game(20, null));
    }

    @ParameterizedTest(name = "cursor {0}")
    @ValueSource(ints = {500, 600})
    void refusesAPageThatPromisesMoreButDoesNotMovePastTheCursor(int cursor) {
        String body = "{\"response\":{\"apps\":[{\"appid\":400,\"name\":\"a\"}],\"have_more_results\":true,"
                + "\"last_appid\":500}}";

        assertThatThrownBy(() -> client.parsePage(body, cursor)).isExactlyInstanceOf(FetchException.Invalid.class)
                .hasMessageContaining("after appid " + cursor);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "-5", "0", "\"soon\"", "1.5e400"})
    void readsAMissingOrNonsensicalLastModifiedAsUnknown(String value) throws IOException {
        AppListPage page = client.parsePage("{\"response\":{\"apps\":[{\"appid\":7,\"last_modified\":" + value
                + ",\"price_change_number\":" + value + "}]}}", 0);

        assertThat(page.apps().getFirst().lastModified()).isNull();
        assertThat(page.apps().getFirst().priceChangeNumber()).isEqualTo(value.equals("0") ? 0L : null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {4_102_444_801L, Long.MAX_VALUE})
    void readsALastModifiedPastAnyRealTimeAsUnknownAndKeepsThePage(long value) throws IOException {
        AppListPage page = client.parsePage("{\"response\":{\"apps\":[{\"appid\":7,\"last_modified\":" + value
                + "},{\"appid\":8,\"last_modified\":1602535893}]}}", 0);

        assertThat(page.apps()).extracting(Game::lastModified)
                .containsExactly(null, Instant.ofEpochSecond(1602535893));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "[]", "{\"response\":null}", "{\"response\":[]}", "{\"response\":{\"apps\":{}}}",
        "\"x\""})
    void rejectsAnAnswerWithoutAResponseObjectOrAppsArray(String body) {
        assertThatThrownBy(() -> client.parsePage(body, 0)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"response\":{\"apps\":[{\"appid\":10,\"name\":\"Counter-Str",
        "{\"response\":{\"apps\":[{\"appid\":10}", "{\"response\":{\"apps\":[", "{\"response\":{"})
    void rejectsAPageCutOffPartWay(String body) {
        assertThatThrownBy(() -> client.parsePage(body, 0)).isInstanceOf(IOException.class);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SteamWebApiClientTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
