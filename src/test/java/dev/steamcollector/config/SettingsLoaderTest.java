package dev.steamcollector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsLoaderTest {

    private static final Map<String, ToIntFunction<Settings>> NUMBERS = Map.of(
            "MAX_WORKERS", s -> s.pipeline().maxWorkers(),
            "BATCH_SIZE", s -> s.pipeline().batchSize(),
            "RETRY_ATTEMPTS", s -> s.pipeline().retryAttempts(),
            "NOTIFY_MIN_DROP_PERCENT", s -> s.notifications().minDropPercent(),
            "NOTIFY_MIN_DISCOUNT_PERCENT", s -> s.notifications().minDiscountPercent(),
            "NOTIFY_MAX_PER_RUN", s -> s.notifications().maxPerRun());

    @TempDir
    Path workingDirectory;

    private Settings load(Map<String, String> environment) {
        return new SettingsLoader(ConfigSources.of(Map.of(), environment, Optional.empty(), workingDirectory),
                workingDirectory).load();
    }

    @Nested
    class WhenNothingIsSet {

        private Settings settings;

        @BeforeEach
        void loadDefaults() {
            settings = load(Map.of());
        }

        @Test
        void databaseIsSteamGamesDbInTheWorkingDirectory() {
            assertThat(settings.database().kind()).isEqualTo(DatabaseSettings.Kind.SQLITE);
            assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:sqlite:" + workingDirectory.resolve("steam_games.db"));
            assertThat(SettingsLoader.DEFAULT_DATABASE_URL).isEqualTo("sqlite:///steam_games.db");
        }

        @Test
        void apisAreTheRealOnesWithoutAKey() {
            ApiSettings api = settings.api();

            assertThat(api.steamApiKey()).isEmpty();
            assertThat(api.steamApiUrl()).isEqualTo(URI.create("https://api.steampowered.com"));
            assertThat(api.steamSpyUrl()).isEqualTo(URI.create("https://steamspy.com/api.php"));
            assertThat(api.storeUrl()).isEqualTo(URI.create("https://store.steampowered.com"));
        }

        @Test
        void rateLimitsAreThoseOfTheSpec() {
            ApiSettings api = settings.api();

            assertThat(api.steamWebApiLimit()).isEqualTo(new RateLimit(100_000, Duration.ofDays(1)));
            assertThat(api.storeLimit()).isEqualTo(new RateLimit(200, Duration.ofMinutes(5)));
            assertThat(api.steamSpyLimit()).isEqualTo(new RateLimit(60, Duration.ofMinutes(1)));
            assertThat(api.steamSpyAllLimit()).isEqualTo(new RateLimit(1, Duration.ofMinutes(1)));
            assertThat(api.storeReviewsLimit()).isEqualTo(new RateLimit(60, Duration.ofMinutes(1)));
        }

        @Test
        void pipelineRunsThreeWorkersInBatchesOfAHundredWithThreeRetriesAndStoreDetails() {
            assertThat(settings.pipeline()).isEqualTo(new PipelineSettings(3, 100, 3, true));
        }

        @Test
        void logsAtInfoAndTracksUsPrices() {
            assertThat(settings.logLevel()).isEqualTo("INFO");
            assertThat(settings.storeCountryCodes()).containsExactly("us");
            assertThat(settings.priceSweepPeriod()).isEqualTo(Duration.ofDays(7));
        }

        @Test
        void discordIsOffWithTheSpecThresholds() {
            assertThat(settings.notifications()).isEqualTo(new NotifySettings(false, Optional.empty(), 10, 25, 50));
        }

        @Test
        void metricsAreOff() {
            assertThat(settings.metrics()).isEqualTo(new MetricsSettings(false, Optional.empty(), Optional.empty()));
        }

        @Test
        void aLockLivesTwoMinutesAndALostDatabaseIsTriedForAMinute() {
            assertThat(settings.recovery()).isEqualTo(RecoverySettings.DEFAULTS)
                    .isEqualTo(new RecoverySettings(Duration.ofMinutes(2), Duration.ofSeconds(60)));
        }

        @Test
        void thereIsNoSecretToHide() {
            assertThat(settings.secrets()).isEmpty();
        }
    }

    @Nested
    class WhenValuesAreSet {

        @Test
        void readsEveryVariable() {
            Settings settings = load(Map.ofEntries(
                    Map.entry("DATABASE_URL", "postgresql://u:pw@db:5432/steam"),
                    Map.entry("STEAM_API_KEY", "ABCDEF0123456789"),
                    Map.entry("STEAM_API_URL", "http://localhost:8081"),
                    Map.entry("STEAMSPY_API_URL", "http://localhost:8082/api.php"),
                    Map.entry("STEAM_STORE_URL", "http://localhost:8083"),
                    Map.entry("STEAM_WEB_API_LIMIT", "10/second"),
                    Map.entry("STEAM_STORE_API_LIMIT", "100/5minutes"),
                    Map.entry("STEAMSPY_API_LIMIT", "30/minute"),
                    Map.entry("STEAMSPY_ALL_LIMIT", "2/minute"),
                    Map.entry("STEAM_REVIEWS_API_LIMIT", "20/minute"),
                    Map.entry("STORE_DETAILS", "false"),
                    Map.entry("MAX_WORKERS", "8"),
                    Map.entry("BATCH_SIZE", "500"),
                    Map.entry("RETRY_ATTEMPTS", "0"),
                    Map.entry("LOG_LEVEL", "debug"),
                    Map.entry("STORE_COUNTRY_CODES", "US, de,gb,,us"),
                    Map.entry("PRICE_SWEEP_PERIOD", "36h"),
                    Map.entry("ENABLE_DISCORD", "true"),
                    Map.entry("DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/abc"),
                    Map.entry("NOTIFY_MIN_DROP_PERCENT", "5"),
                    Map.entry("NOTIFY_MIN_DISCOUNT_PERCENT", "50"),
                    Map.entry("NOTIFY_MAX_PER_RUN", "0"),
                    Map.entry("ENABLE_METRICS", "yes"),
                    Map.entry("PROMETHEUS_GATEWAY", "https://push.example:9091"),
                    Map.entry("METRICS_TEXTFILE", "metrics/steam.prom"),
                    Map.entry("RUN_LOCK_TIMEOUT", "30s"),
                    Map.entry("DATABASE_RECONNECT", "5m")));

            assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/steam");
            ApiSettings api = settings.api();
            assertThat(api.steamApiKey()).map(Secret::reveal).contains("ABCDEF0123456789");
            assertThat(api.steamApiUrl()).isEqualTo(URI.create("http://localhost:8081"));
            assertThat(api.steamSpyUrl()).isEqualTo(URI.create("http://localhost:8082/api.php"));
            assertThat(api.storeUrl()).isEqualTo(URI.create("http://localhost:8083"));
            assertThat(api.steamWebApiLimit()).hasToString("10/second");
            assertThat(api.storeLimit()).hasToString("100/5minutes");
            assertThat(api.steamSpyLimit()).hasToString("30/minute");
            assertThat(api.steamSpyAllLimit()).hasToString("2/minute");
            assertThat(api.storeReviewsLimit()).hasToString("20/minute");
            assertThat(settings.pipeline()).isEqualTo(new PipelineSettings(8, 500, 0, false));
            assertThat(settings.logLevel()).isEqualTo("DEBUG");
            assertThat(settings.storeCountryCodes()).containsExactly("us", "de", "gb");
            assertThat(settings.priceSweepPeriod()).isEqualTo(Duration.ofHours(36));
            assertThat(settings.notifications()).isEqualTo(new NotifySettings(true,
                    Optional.of(new Secret("https://discord.com/api/webhooks/1/abc")), 5, 50, 0));
            assertThat(settings.metrics()).isEqualTo(new MetricsSettings(true,
                    Optional.of(URI.create("https://push.example:9091")),
                    Optional.of(workingDirectory.resolve("metrics/steam.prom"))));
            assertThat(settings.recovery()).isEqualTo(new RecoverySettings(Duration.ofSeconds(30), Duration.ofMinutes(5)));
        }

        @Test
        void knowsEverySecretInEachOfItsForms() {
            Settings settings = load(Map.of("DATABASE_URL", "postgresql://u:p%40ss%20word@db:5432/steam",
                    "STEAM_API_KEY", "ABCDEF0123456789",
                    "DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/TOKENtokenTOKENtoken"));

            assertThat(settings.secrets()).contains("p@ss word", "p%40ss%20word", "ABCDEF0123456789",
                    "https://discord.com/api/webhooks/1/TOKENtokenTOKENtoken", "TOKENtokenTOKENtoken");
        }

        @Test
        void knowsThePasswordOfAJdbcUrl() {
            Settings settings = load(Map.of("DATABASE_URL", "jdbc:postgresql://db/steam?user=u&password=s%3Dcret&ssl=1"));

            assertThat(settings.secrets()).contains("s%3Dcret", "s=cret");
        }

        @Test
        void gatewayWithoutSchemeIsHttp() {
            Settings settings = load(Map.of("PROMETHEUS_GATEWAY", "host:9091"));

            assertThat(settings.metrics().pushGateway()).contains(URI.create("http://host:9091"));
            assertThat(settings.metrics().enabled()).isFalse();
        }

        @ParameterizedTest(name = "''{0}'' is {1}")
        @CsvSource({"true,true", "TRUE,true", "yes,true", "on,true", "1,true",
            "false,false", "False,false", "no,false", "off,false", "0,false"})
        void readsBooleansInTheUsualSpellings(String value, boolean expected) {
            Settings settings = load(Map.of("ENABLE_METRICS", value, "PROMETHEUS_GATEWAY", "host:9091"));

            assertThat(settings.metrics().enabled()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"trace", "DEBUG", "Info", "warn", "ERROR", "off"})
        void acceptsEveryLogLevelInAnyCase(String level) {
            assertThat(load(Map.of("LOG_LEVEL", level)).logLevel()).isEqualTo(level.toUpperCase(Locale.ROOT));
        }

        @ParameterizedTest(name = "{0}={1}")
        @CsvSource({"MAX_WORKERS,1", "MAX_WORKERS,256", "BATCH_SIZE,1", "BATCH_SIZE,100000", "RETRY_ATTEMPTS,0",
            "RETRY_ATTEMPTS,20", "NOTIFY_MIN_DROP_PERCENT,0", "NOTIFY_MIN_DROP_PERCENT,100",
            "NOTIFY_MIN_DISCOUNT_PERCENT,100", "NOTIFY_MAX_PER_RUN,100000"})
        void acceptsNumbersAtTheEdgesOfTheirRange(String variable, int value) {
            Settings settings = load(Map.of(variable, String.valueOf(value)));

            assertThat(NUMBERS.get(variable).applyAsInt(settings)).isEqualTo(value);
        }

        @Test
        void blankValuesMeanTheDefault() {
            Settings settings = load(Map.of("MAX_WORKERS", "", "LOG_LEVEL", "  ", "DATABASE_URL", " ",
                    "STEAM_API_KEY", "", "STEAMSPY_API_LIMIT", " "));

            assertThat(settings.pipeline().maxWorkers()).isEqualTo(3);
            assertThat(settings.logLevel()).isEqualTo("INFO");
            assertThat(settings.database().jdbcUrl()).endsWith("/steam_games.db");
            assertThat(settings.api().steamApiKey()).isEmpty();
            assertThat(settings.api().steamSpyLimit()).hasToString("60/minute");
        }

        @Test
        void optionBeatsEnvironmentWhichBeatsTheDotEnvFile() throws IOException {
            Files.writeString(workingDirectory.resolve(".env"), "MAX_WORKERS=5\nBATCH_SIZE=50\nRETRY_ATTEMPTS=7\n");
            ConfigSources sources = ConfigSources.of(Map.of("MAX_WORKERS", "9"),
                    Map.of("MAX_WORKERS", "6", "BATCH_SIZE", "60"), Optional.empty(), workingDirectory);

            Settings settings = new SettingsLoader(sources, workingDirectory).load();

            assertThat(settings.pipeline()).isEqualTo(new PipelineSettings(9, 60, 7, true));
        }

        @Test
        void databaseCanBeLoadedWithoutTheRest() {
            SettingsLoader loader = new SettingsLoader(ConfigSources.of(Map.of(),
                    Map.of("DATABASE_URL", "sqlite:///x.db", "MAX_WORKERS", "not checked here"), Optional.empty(),
                    workingDirectory), workingDirectory);

            assertThat(loader.database().jdbcUrl()).isEqualTo("jdbc:sqlite:" + workingDirectory.resolve("x.db"));
        }
    }
}
