package dev.steamcollector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad value is a {@link ConfigException} whose message starts with the variable to fix. */
class SettingsLoaderRejectionTest {

    private static final String API_KEY = "K3yS3cr3tValue0123";

    @TempDir
    Path workingDirectory;

    private Settings load(Map<String, String> environment) {
        return new SettingsLoader(ConfigSources.of(Map.of(), environment, Optional.empty(), workingDirectory),
                workingDirectory).load();
    }

    private ConfigException failureOf(Map<String, String> environment) {
        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> load(environment));
        assertThat(failure).as("ConfigException for %s", environment).isNotNull();
        return failure;
    }

    @ParameterizedTest(name = "{0}=''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            MAX_WORKERS                 | 0
            MAX_WORKERS                 | abc
            MAX_WORKERS                 | -3
            MAX_WORKERS                 | 257
            MAX_WORKERS                 | 2.5
            MAX_WORKERS                 | 99999999999
            BATCH_SIZE                  | -1
            BATCH_SIZE                  | 0
            BATCH_SIZE                  | 100001
            RETRY_ATTEMPTS              | x
            RETRY_ATTEMPTS              | -1
            RETRY_ATTEMPTS              | 21
            NOTIFY_MIN_DROP_PERCENT     | 101
            NOTIFY_MIN_DISCOUNT_PERCENT | -5
            NOTIFY_MAX_PER_RUN          | many
            LOG_LEVEL                   | LOUD
            LOG_LEVEL                   | WARNING
            STORE_COUNTRY_CODES         | usa
            STORE_COUNTRY_CODES         | us,d3
            STORE_COUNTRY_CODES         | ','
            PRICE_SWEEP_PERIOD          | weekly
            PRICE_SWEEP_PERIOD          | 0d
            ENABLE_DISCORD              | maybe
            ENABLE_METRICS              | enabled
            STEAM_API_URL               | ftp://x
            STEAM_API_URL               | not a url
            STEAM_API_URL               | localhost:8080
            STEAM_API_URL               | http:///no-host
            STEAMSPY_API_URL            | file:///etc/passwd
            STEAM_STORE_URL             | //store.steampowered.com
            DISCORD_WEBHOOK_URL         | ftp://discord.example/hook
            PROMETHEUS_GATEWAY          | ftp://host:9091
            PROMETHEUS_GATEWAY          | host with space:9091
            STEAM_WEB_API_LIMIT         | 100000/fortnight
            STEAM_STORE_API_LIMIT       | 200
            STEAMSPY_API_LIMIT          | 0/minute
            STEAMSPY_ALL_LIMIT          | 1/0minutes
            STEAM_REVIEWS_API_LIMIT     | 60/fortnight
            STORE_DETAILS               | sometimes
            DATABASE_URL                | foo://x
            """)
    void badValueIsAConfigErrorNamingItsVariable(String variable, String value) {
        assertThat(failureOf(Map.of(variable, value)).getMessage()).startsWith(variable + ": ");
    }

    @Test
    void messageQuotesTheBadValue() {
        assertThat(failureOf(Map.of("MAX_WORKERS", "abc")).getMessage())
                .isEqualTo("MAX_WORKERS: 'abc' is not a whole number from 1 to 256");
        assertThat(failureOf(Map.of("LOG_LEVEL", "loud")).getMessage()).contains("'LOUD'").contains("INFO");
        assertThat(failureOf(Map.of("STORE_COUNTRY_CODES", "us,usa")).getMessage()).contains("'usa'");
        assertThat(failureOf(Map.of("STORE_CATALOGUE_BATCH", "500")).getMessage())
                .isEqualTo("STORE_CATALOGUE_BATCH: '500' is not a whole number from 1 to 100");
        assertThat(failureOf(Map.of("STORE_CATALOGUE", "maybe")).getMessage()).startsWith("STORE_CATALOGUE: ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"STEAM_WEB_API_LIMIT", "STEAM_STORE_API_LIMIT", "STEAMSPY_API_LIMIT", "STEAMSPY_ALL_LIMIT",
        "STEAM_REVIEWS_API_LIMIT", "STORE_CATALOGUE_API_LIMIT"})
    void everyMalformedRateLimitNamesItsOwnVariable(String variable) {
        for (String bad : new String[] {"abc", "60", "60/", "0/minute", "60/0minutes", "60/fortnight", "-1/minute",
            "99999999999999999999/minute"}) {
            assertThat(failureOf(Map.of(variable, bad)).getMessage()).as(bad).startsWith(variable + ": ");
        }
    }

    @Nested
    class FeaturesThatNeedAnotherVariable {

        @Test
        void discordNeedsAWebhook() {
            assertThat(failureOf(Map.of("ENABLE_DISCORD", "true")).getMessage())
                    .startsWith("DISCORD_WEBHOOK_URL: ")
                    .contains("ENABLE_DISCORD");
        }

        @Test
        void metricsNeedAGateway() {
            assertThat(failureOf(Map.of("ENABLE_METRICS", "true")).getMessage())
                    .startsWith("PROMETHEUS_GATEWAY: ")
                    .contains("ENABLE_METRICS");
        }

        @Test
        void webhookAloneDoesNotEnableDiscord() {
            Settings settings = load(Map.of("DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/abc"));

            assertThat(settings.notifications().enabled()).isFalse();
            assertThat(settings.notifications().webhookUrl()).isPresent();
        }
    }

    @Nested
    class KeepingSecretsOutOfMessages {

        @ParameterizedTest(name = "STEAM_API_KEY=''{0}''")
        @ValueSource(strings = {"K3yS3cr3tValue0123 extra", "K3yS3cr3tValue0123!", "K3yS3cr3tValue0123-",
            "K3yS3cr3tValue0123\u00e9", "\"K3yS3cr3tValue0123\""})
        void malformedApiKeyIsRejectedWithoutShowingIt(String value) {
            assertThat(failureOf(Map.of("STEAM_API_KEY", value)).getMessage())
                    .startsWith("STEAM_API_KEY: ")
                    .doesNotContain(API_KEY);
        }

        @ParameterizedTest(name = "{0}=''{1}''")
        @CsvSource(delimiter = '|', textBlock = """
                MAX_WORKERS          | 0
                STEAM_API_URL        | ftp://x
                STEAMSPY_API_LIMIT   | 10/fortnight
                LOG_LEVEL            | LOUD
                ENABLE_DISCORD       | true
                DATABASE_URL         | foo://x
                """)
        void otherFailuresNeverShowAValidApiKey(String variable, String value) {
            assertThat(failureOf(Map.of("STEAM_API_KEY", API_KEY, variable, value)).getMessage())
                    .doesNotContain(API_KEY);
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"ftp://discord.example/api/webhooks/1/W3bh00kT0ken", "not a url W3bh00kT0ken",
            "https:///api/webhooks/1/W3bh00kT0ken"})
        void malformedWebhookIsRejectedWithoutShowingIt(String value) {
            assertThat(failureOf(Map.of("DISCORD_WEBHOOK_URL", value)).getMessage())
                    .startsWith("DISCORD_WEBHOOK_URL: ")
                    .doesNotContain("W3bh00kT0ken");
        }

        @Test
        void databasePasswordNeverShows() {
            assertThat(failureOf(Map.of("DATABASE_URL", "postgresql://u:s3cr3tPW@host")).getMessage())
                    .startsWith("DATABASE_URL: ")
                    .doesNotContain("s3cr3tPW");
        }

        @Test
        void validKeyIsLoadedAndMasked() {
            Settings settings = load(Map.of("STEAM_API_KEY", API_KEY));

            assertThat(settings.api().steamApiKey()).map(Secret::reveal).contains(API_KEY);
            assertThat(settings.toString()).doesNotContain(API_KEY);
        }
    }

    @Test
    void firstBadValueStopsLoading() {
        assertThatThrownBy(() -> load(Map.of("DATABASE_URL", "foo://x", "MAX_WORKERS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DATABASE_URL: ");
    }
}
