package dev.steamcollector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.http.ResponseClassifier.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseClassifierTest {

    private static Verdict verdictOf(int status, String body, boolean throttledRecently) {
        return ResponseClassifier.classify(status, body, throttledRecently).verdict();
    }

    @Nested
    class ByStatus {

        @ParameterizedTest(name = "HTTP {0}, throttled recently: {1} -> {2}")
        @CsvSource(delimiter = '|', textBlock = """
                429 | false | THROTTLED
                429 | true  | THROTTLED
                403 | true  | THROTTLED
                403 | false | REJECTED
                500 | false | RETRY
                502 | false | RETRY
                503 | false | RETRY
                503 | true  | RETRY
                400 | false | REJECTED
                404 | false | REJECTED
                404 | true  | REJECTED
                301 | false | RETRY
                """)
        void decidesFromTheStatus(int status, boolean throttledRecently, Verdict expected) {
            assertThat(verdictOf(status, "null", throttledRecently)).isEqualTo(expected);
        }

        @Test
        void doesNotRetryTheRemovedAppListEndpointsRealNotFoundPage() throws IOException {
            String body = sample("/fixtures/samples/getapplist_v2_404_body.html");

            assertThat(verdictOf(404, body, false)).isEqualTo(Verdict.REJECTED);
        }

        @Test
        void givesAReasonForEverythingButSuccess() {
            assertThat(ResponseClassifier.classify(503, "", false).reason()).isEqualTo("HTTP 503");
            assertThat(ResponseClassifier.classify(403, "", true).reason()).contains("403");
        }
    }

    @Nested
    class WhenTheStatusIs200 {

        @ParameterizedTest(name = "body [{0}]")
        @ValueSource(strings = {"<html><body>Service Unavailable</body></html>", "<!DOCTYPE html><html></html>"})
        void readsAnHtmlBodyAsTooFast(String body) {
            assertThat(verdictOf(200, body, false)).isEqualTo(Verdict.THROTTLED);
        }

        @ParameterizedTest(name = "body [{0}]")
        @ValueSource(strings = {"", "null", "  ", "\n", " null\n"})
        void readsAnEmptyOrNullBodyAsBusyToBeJudgedByHowOftenItComes(String body) {
            assertThat(verdictOf(200, body, false)).isEqualTo(Verdict.BUSY);
        }

        @ParameterizedTest(name = "body [{0}]")
        @ValueSource(strings = {"Connection failed: Too many connections", "Connection failed: Too many connections\n"})
        void readsSteamSpysTooManyConnectionsAsBusy(String body) {
            assertThat(verdictOf(200, body, false)).isEqualTo(Verdict.BUSY);
        }

        @ParameterizedTest
        @NullSource
        void readsAMissingBodyAsBusy(String body) {
            assertThat(verdictOf(200, body, false)).isEqualTo(Verdict.BUSY);
        }

        @Test
        void namesSteamSpysTooManyConnectionsMessage() {
            String reason = ResponseClassifier.classify(200, "Connection failed: Too many connections", false).reason();

            assertThat(reason).contains("Too many connections");
        }

        @ParameterizedTest(name = "body {0}")
        @ValueSource(strings = {"{}", "{\"570\":{\"appid\":570,\"name\":\"Dota 2\"}}", " {\"response\":{}} ",
            "[]", "{\"999999999\":{\"success\":false}}"})
        void acceptsAJsonBody(String body) {
            assertThat(verdictOf(200, body, false)).isEqualTo(Verdict.SUCCESS);
        }

        @Test
        void acceptsTheRealSteamSpyDocumentationExample() throws IOException {
            String body = sample("/fixtures/samples/steamspy_appdetails_doc_example_1462040.json");

            assertThat(verdictOf(200, body, true)).isEqualTo(Verdict.SUCCESS);
        }
    }

    @Nested
    class RetryAfter {

        private final Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @ParameterizedTest(name = "''{0}'' -> {1}")
        @CsvSource(delimiter = '|', textBlock = """
                120                            | PT2M
                0                              | PT0S
                ' 30 '                         | PT30S
                Wed, 01 Jan 2025 00:02:00 GMT  | PT2M
                Thu, 02 Jan 2025 00:00:00 GMT  | PT24H
                Tue, 31 Dec 2024 23:59:00 GMT  | PT0S
                Wed, 01 Jan 2025 00:00:00 GMT  | PT0S
                """)
        void readsSecondsOrAnHttpDate(String header, Duration expected) {
            assertThat(ResponseClassifier.parseRetryAfter(header, now)).contains(expected);
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"soon", "", "   ", "-5", "1.5", "2025-01-01T00:02:00Z"})
        @NullSource
        void ignoresAnythingElse(String header) {
            assertThat(ResponseClassifier.parseRetryAfter(header, now)).isEmpty();
        }
    }

    static String sample(String resource) throws IOException {
        try (InputStream in = ResponseClassifierTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
