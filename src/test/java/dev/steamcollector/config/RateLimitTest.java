package dev.steamcollector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    private static final String VARIABLE = "STEAMSPY_API_LIMIT";

    @Nested
    class Parsing {

        @ParameterizedTest(name = "''{0}'' is {1} per {2}")
        @CsvSource(delimiter = '|', textBlock = """
                60/minute        | 60     | PT1M
                1/minute         | 1      | PT1M
                100000/day       | 100000 | PT24H
                200/5minutes     | 200    | PT5M
                10/second        | 10     | PT1S
                3/hour           | 3      | PT1H
                3/hours          | 3      | PT1H
                5/seconds        | 5      | PT1S
                60/minutes       | 60     | PT1M
                7/days           | 7      | PT24H
                1/90seconds      | 1      | PT1M30S
                2/2days          | 2      | PT48H
                4/1minute        | 4      | PT1M
                """)
        void readsCountAndUnit(String text, long permits, Duration period) {
            RateLimit limit = RateLimit.parse(VARIABLE, text);

            assertThat(limit.permits()).isEqualTo(permits);
            assertThat(limit.period()).isEqualTo(period);
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {" 60/minute ", "60 / minute", "60/ minute", "60 /minute", "\t60/minute\n"})
        void ignoresSpacesAroundTheParts(String text) {
            assertThat(RateLimit.parse(VARIABLE, text)).isEqualTo(new RateLimit(60, Duration.ofMinutes(1)));
        }

        @Test
        void allowsSpacesBetweenCountAndUnit() {
            assertThat(RateLimit.parse(VARIABLE, "200 / 5 minutes"))
                    .isEqualTo(new RateLimit(200, Duration.ofMinutes(5)));
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"60/MINUTE", "60/Minute", "60/mInUtEs", "60/MINUTES"})
        void ignoresCaseOfTheUnit(String text) {
            assertThat(RateLimit.parse(VARIABLE, text)).isEqualTo(new RateLimit(60, Duration.ofMinutes(1)));
        }
    }

    @Nested
    class Printing {

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"60/minute", "1/minute", "100000/day", "200/5minutes", "10/second", "3/hour",
            "1/90seconds", "5/2hours", "2/3days"})
        void printsTheCanonicalFormItWasParsedFrom(String text) {
            assertThat(RateLimit.parse(VARIABLE, text)).hasToString(text);
        }

        @ParameterizedTest(name = "''{0}'' prints as ''{1}''")
        @CsvSource(delimiter = '|', textBlock = """
                3/hours       | 3/hour
                60/MINUTES    | 60/minute
                1/60seconds   | 1/minute
                1/120minutes  | 1/2hours
                1/24hours     | 1/day
                9/1second     | 9/second
                """)
        void printsTheLargestWholeUnit(String text, String printed) {
            assertThat(RateLimit.parse(VARIABLE, text)).hasToString(printed);
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"3/hours", "200/ 5 minutes", "1/60seconds", "7/days", "1/90seconds"})
        void printedFormParsesBackToTheSameLimit(String text) {
            RateLimit limit = RateLimit.parse(VARIABLE, text);

            assertThat(RateLimit.parse(VARIABLE, limit.toString())).isEqualTo(limit);
        }
    }

    @Nested
    class Pacing {

        @ParameterizedTest(name = "''{0}'' paces every {1}")
        @CsvSource(delimiter = '|', textBlock = """
                60/minute     | PT1S
                1/minute      | PT1M
                200/5minutes  | PT1.5S
                10/second     | PT0.1S
                100000/day    | PT0.864S
                3/hour        | PT20M
                """)
        void intervalSpreadsThePeriodEvenly(String text, Duration interval) {
            assertThat(RateLimit.parse(VARIABLE, text).interval()).isEqualTo(interval);
        }

        @ParameterizedTest(name = "''{0}'' is {1}/s")
        @CsvSource(delimiter = '|', textBlock = """
                60/minute     | 1.0
                10/second     | 10.0
                200/5minutes  | 0.6666666667
                1/minute      | 0.0166666667
                """)
        void perSecondIsTheFullRate(String text, double perSecond) {
            assertThat(RateLimit.parse(VARIABLE, text).perSecond())
                    .isCloseTo(perSecond, offset(1e-9));
        }
    }

    @Nested
    class Rejecting {

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"abc", "60", "60/", "/minute", "0/minute", "60/0minutes", "60/fortnight",
            "-1/minute", "60/-1minutes", "99999999999999999999/minute", "60/99999999999999999999minutes",
            "1.5/minute", "60/minute/hour", "60 per minute", "60/min", "60/m", "sixty/minute", "", "   ",
            "60/minutely", "60/5 5minutes", "60/week"})
        void malformedValueIsAConfigErrorNamingTheVariable(String text) {
            assertThatThrownBy(() -> RateLimit.parse(VARIABLE, text))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(VARIABLE + ": ");
        }

        @Test
        void rejectsUnknownUnit() {
            assertThatThrownBy(() -> RateLimit.parse("STEAM_WEB_API_LIMIT", "60/fortnight"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("STEAM_WEB_API_LIMIT: '60/fortnight'")
                    .hasMessageContaining("N/unit");
        }

        @Test
        void rejectsZeroPermits() {
            assertThatThrownBy(() -> RateLimit.parse(VARIABLE, "0/minute"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(VARIABLE + ": '0/minute' needs whole numbers from 1 up");
        }

        @Test
        void rejectsZeroUnits() {
            assertThatThrownBy(() -> RateLimit.parse(VARIABLE, "60/0minutes"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(VARIABLE + ": '60/0minutes' needs whole numbers from 1 up");
        }

        @Test
        void rejectsPermitsTooLargeForALong() {
            assertThatThrownBy(() -> RateLimit.parse(VARIABLE, "99999999999999999999/minute"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(VARIABLE + ": ");
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"1/999999999999999999days", "1/9223372036854775807hours"})
        void rejectsAPeriodTooLongForADuration(String text) {
            assertThatThrownBy(() -> RateLimit.parse(VARIABLE, text))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(VARIABLE + ": ");
        }

        @Test
        void constructorRejectsNonPositiveValues() {
            assertThatThrownBy(() -> new RateLimit(0, Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RateLimit(1, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RateLimit(1, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
