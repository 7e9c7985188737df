package dev.steamcollector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import dev.steamcollector.model.StoreDescription.Languages;
import dev.steamcollector.model.StoreDescription.Platforms;
import dev.steamcollector.model.StoreDescription.Release;
import dev.steamcollector.testing.Fixtures;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Store's one-game description and review summary: real excerpts, crafted quirks. */
class StoreDetailsParserTest {

    private final StoreDetailsParser parser = new StoreDetailsParser(new ObjectMapper());

    private StoreDescription describe(String body, int appId) throws IOException {
        return parser.parseDescription(body, appId).orElseThrow();
    }

    /** An answer envelope around a {@code data} object. */
    private static String envelope(int appId, String data) {
        return "{\"" + appId + "\":{\"success\":true,\"data\":" + data + "}}";
    }

    @Nested
    class RealExcerpts {

        @Test
        void readsTheWitcherWithItsAgeAsAStringAndItsReleaseDate() throws IOException {
            StoreDescription witcher = describe(Fixtures.read("samples/store_appdetails_292030_excerpt.json"), 292030);

            assertThat(witcher.name()).isEqualTo("The Witcher 3: Wild Hunt");
            assertThat(witcher.type()).isEqualTo("game");
            assertThat(witcher.requiredAge()).isEqualTo(18);
            assertThat(witcher.free()).isFalse();
            assertThat(witcher.release()).isEqualTo(new Release(LocalDate.of(2015, 5, 18), "18 May, 2015", false));
            assertThat(witcher.platforms()).isEqualTo(new Platforms(true, false, false));
            assertThat(witcher.developers()).containsExactly("CD PROJEKT RED");
            assertThat(witcher.publishers()).containsExactly("CD PROJEKT RED");
            assertThat(witcher.genres()).containsExactly("RPG");
            // absent from the excerpt: null, not zero or empty
            assertThat(witcher.categories()).isNull();
            assertThat(witcher.metacriticScore()).isNull();
            assertThat(witcher.recommendations()).isNull();
            assertThat(witcher.achievements()).isNull();
            assertThat(witcher.languages()).isEqualTo(new Languages(null, null));
            assertThat(witcher.dlcCount()).isZero();
        }

        @Test
        void keepsTheTypeOfADlc() throws IOException {
            String data = Fixtures.read("samples/store_appdetails_data_dlc_358150_excerpt.json");

            StoreDescription dlc = describe(envelope(358150, data), 358150);

            assertThat(dlc.type()).isEqualTo("dlc");
            assertThat(dlc.name()).isEqualTo("PAYDAY 2: The Butcher's BBQ Pack");
            assertThat(dlc.requiredAge()).isEqualTo(18);
            assertThat(dlc.controllerSupport()).isEqualTo("full");
            assertThat(dlc.developers()).containsExactly("Lion Game Lion", "OVERKILL - a Starbreeze Studio.");
            assertThat(dlc.platforms()).isEqualTo(new Platforms(true, false, true));
            assertThat(dlc.release()).isEqualTo(new Release(null, null, false));
        }

        @Test
        void successFalseIsNotFound() throws IOException {
            assertThat(parser.parseDescription(Fixtures.read("samples/store_appdetails_success_false.json"),
                    999_999_999)).isEmpty();
        }

        @Test
        void readsAHandTrimmedAnswerWithFewKeys() throws IOException {
            StoreDescription stardew = describe(Fixtures.read("samples/store_appdetails_discounted_krw_fixture.json"),
                    413150);

            assertThat(stardew.name()).isEqualTo("Stardew Valley");
            assertThat(stardew.platforms()).isEqualTo(new Platforms(true, true, true));
            assertThat(stardew.requiredAge()).isNull();
            assertThat(stardew.developers()).isNull();
        }
    }

    @Nested
    class CraftedAnswers {

        @Test
        void readsEveryFieldOfAFullAnswer() throws IOException {
            StoreDescription portal = describe(Fixtures.read("store/appdetails_full.json"), 620);

            assertThat(portal).isEqualTo(new StoreDescription(620, "Portal 2", "game",
                    new Release(LocalDate.of(2011, 4, 18), "18 Apr, 2011", false), false, 0,
                    new Platforms(true, true, true), 95, 436_815, 51, 2, List.of("Valve"), List.of("Valve"),
                    List.of("Action", "Adventure"), List.of("Single-player", "Co-op", "Steam Achievements"),
                    new Languages("English, French, German, Spanish - Spain, Russian, Portuguese - Brazil & more",
                            "English, French, German, Russian"),
                    "full",
                    "The &quot;Perpetual Testing Initiative&quot; has been expanded to allow you to design co-op"
                            + " puzzles for you and your friends!",
                    "https://shared.akamai.steamstatic.com/store_item_assets/steam/apps/620/header.jpg",
                    "http://www.thinkwithportals.com/"));
        }

        @Test
        void aGameComingSoonHasItsTextButNoDateAndLacksTheOptionalBlocks() throws IOException {
            StoreDescription soon = describe(Fixtures.read("store/appdetails_coming_soon.json"), 3_000_010);

            assertThat(soon.release()).isEqualTo(new Release(null, "Q3 2026", true));
            assertThat(soon.requiredAge()).isZero();
            assertThat(soon.website()).isNull();
            assertThat(soon.metacriticScore()).isNull();
            assertThat(soon.recommendations()).isNull();
            assertThat(soon.achievements()).isNull();
            assertThat(soon.dlcCount()).isZero();
            assertThat(soon.languages()).isEqualTo(new Languages("English", null));
        }

        @Test
        void aDateWhileComingSoonIsOnlyText() throws IOException {
            StoreDescription soon = describe(envelope(10,
                    "{\"release_date\":{\"coming_soon\":true,\"date\":\"May 18, 2027\"}}"), 10);

            assertThat(soon.release()).isEqualTo(new Release(null, "May 18, 2027", true));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                18        | 18
                '"18"'    | 18
                '"16+"'   | 16
                '"0"'     | 0
                '""'      |
                '"adult"' |
                null      |
                """)
        void readsTheRequiredAgeAsANumberOrAString(String json, Integer age) throws IOException {
            assertThat(describe(envelope(10, "{\"required_age\":" + json + "}"), 10).requiredAge()).isEqualTo(age);
        }

        @Test
        void anAnswerAboutAnotherGameIsMalformed() {
            assertThatThrownBy(() -> parser.parseDescription(envelope(20, "{\"steam_appid\":20}"), 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("appid 20");
            assertThatThrownBy(() -> parser.parseDescription(envelope(10, "{\"steam_appid\":20}"), 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("appid 20, not 10");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"recommendations\":{\"total\":-5}}", "{\"metacritic\":{\"score\":150}}",
            "{\"achievements\":{\"total\":\"many\"}}", "{\"required_age\":250}"})
        void aValueOutOfAnySaneRangeIsMalformed(String data) {
            assertThatThrownBy(() -> parser.parseDescription(envelope(10, data), 10)).isInstanceOf(IOException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "[]", "\"<html>\"", "{\"10\":{\"success\":true}}", "{\"10\":{\"success\":true,\"data\":[]}}"})
        void anAnswerWithoutAGameIsMalformed(String body) {
            assertThatThrownBy(() -> parser.parseDescription(body, 10)).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class ReleaseDateText {

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                18 May, 2015       | 2015-05-18
                18 May 2015        | 2015-05-18
                May 18, 2015       | 2015-05-18
                May 2015           | 2015-05-01
                1 Jan, 2000        | 2000-01-01
                18 Sep, 2015       | 2015-09-18
                Sep 18, 2015       | 2015-09-18
                Sept 18, 2015      | 2015-09-18
                September 18, 2015 | 2015-09-18
                ' 4 Dec,  2020 '   | 2020-12-04
                29 Feb, 2024       | 2024-02-29
                """)
        void readsTheEnglishForms(String text, LocalDate date) {
            assertThat(ReleaseDates.parse(text)).contains(date);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Coming soon", "Q3 2026", "2026", "To be announced", "31 Feb, 2015", "29 Feb, 2023",
            "Mayday 2015", "Early 2026", "18 Mai, 2015", "2015-05-18"})
        void anyOtherTextIsNoDate(String text) {
            assertThat(ReleaseDates.parse(text)).isEmpty();
        }
    }

    @Nested
    class SupportedLanguages {

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                'English<strong>*</strong>, French<br><strong>*</strong>languages with full audio support' | English, French | English
                English, German, Japanese                                                                   | English, German, Japanese |
                'English[b]*[/b], Polish[b]*[/b]<br>[b]*[/b]languages with full audio support'             | English, Polish | English, Polish
                'English<strong>*</strong><br><strong>*</strong>languages with full audio support'          | English | English
                'Simplified Chinese, Traditional Chinese<br/>'                                              | Simplified Chinese, Traditional Chinese |
                'Spanish - Latin America<strong>*</strong>,English'                                         | Spanish - Latin America, English | Spanish - Latin America
                """)
        void turnsTheHtmlIntoPlainNamesAndTheFullAudioOnes(String html, String supported, String fullAudio) {
            assertThat(LanguageList.parse(html)).isEqualTo(new Languages(supported, fullAudio));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "<br>"})
        void noLanguagesIsNull(String html) {
            assertThat(LanguageList.parse(html)).isEqualTo(new Languages(null, null));
        }
    }

    @Nested
    class ReviewSummaries {

        @Test
        void readsTheSummaryAndItsLabel() throws IOException {
            Optional<ReviewSummary> summary = parser.parseReviews(Fixtures.read("store/appreviews_very_positive.json"), 620);

            assertThat(summary).contains(new ReviewSummary(620, 8, "Very Positive", 436_815, 4_212, 441_027));
        }

        @Test
        void aGameWithoutReviewsHasZeroes() throws IOException {
            String body = "{\"success\":1,\"query_summary\":{\"num_reviews\":0,\"review_score\":0,"
                    + "\"review_score_desc\":\"No user reviews\",\"total_positive\":0,\"total_negative\":0,"
                    + "\"total_reviews\":0},\"reviews\":[],\"cursor\":\"*\"}";

            assertThat(parser.parseReviews(body, 10)).contains(new ReviewSummary(10, 0, "No user reviews", 0, 0, 0));
        }

        @Test
        void anUnknownAppIsNotFound() throws IOException {
            assertThat(parser.parseReviews(Fixtures.read("store/appreviews_unknown.json"), 10)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"success\":1}", "{\"success\":1,\"query_summary\":{\"total_reviews\":-1,"
                + "\"total_positive\":0,\"total_negative\":0}}", "{\"success\":1,\"query_summary\":{\"review_score\":12,"
                + "\"total_reviews\":1,\"total_positive\":1,\"total_negative\":0}}", "[]", "<html></html>"})
        void aSummaryMissingOrOutOfRangeIsMalformed(String body) {
            assertThatThrownBy(() -> parser.parseReviews(body, 10)).isInstanceOf(IOException.class);
        }
    }
}
