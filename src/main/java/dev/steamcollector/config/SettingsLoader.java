package dev.steamcollector.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns the configuration layers into validated {@link Settings}; every bad value names its variable. */
public final class SettingsLoader {

    public static final String DEFAULT_DATABASE_URL = "sqlite:///steam_games.db";
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private final ConfigSources sources;
    private final Path workingDirectory;

    public SettingsLoader(ConfigSources sources, Path workingDirectory) {
        this.sources = sources;
        this.workingDirectory = workingDirectory;
    }

    public Settings load() {
        return new Settings(database(), api(), pipeline(), resilience(), logLevel(), countryCodes(),
                Durations.parse("PRICE_SWEEP_PERIOD", text("PRICE_SWEEP_PERIOD", "7d")), notifySettings(), metrics(),
                recovery(), events());
    }

    public DatabaseSettings database() {
        return DatabaseSettings.parse(text("DATABASE_URL", DEFAULT_DATABASE_URL), workingDirectory);
    }

    private ApiSettings api() {
        Optional<Secret> key = sources.lookup("STEAM_API_KEY").map(value -> {
            if (!value.matches("[A-Za-z0-9]+")) {
                throw new ConfigException("STEAM_API_KEY", "must be letters and digits only");
            }
            return new Secret(value);
        });
        return new ApiSettings(key,
                httpUrl("STEAM_API_URL", "https://api.steampowered.com"),
                httpUrl("STEAMSPY_API_URL", "https://steamspy.com/api.php"),
                httpUrl("STEAM_STORE_URL", "https://store.steampowered.com"),
                rateLimit("STEAM_WEB_API_LIMIT", "100000/day"),
                rateLimit("STEAM_STORE_API_LIMIT", "200/5minutes"),
                rateLimit("STEAMSPY_API_LIMIT", "60/minute"),
                rateLimit("STEAMSPY_ALL_LIMIT", "1/minute"),
                rateLimit("STEAM_REVIEWS_API_LIMIT", "60/minute"),
                Durations.parse("HTTP_TIMEOUT", text("HTTP_TIMEOUT", "30s")),
                rateLimit("STORE_CATALOGUE_API_LIMIT", "1/second"));
    }

    private PipelineSettings pipeline() {
        return new PipelineSettings(
                integer("MAX_WORKERS", 3, 1, 256),
                integer("BATCH_SIZE", 100, 1, 100_000),
                integer("RETRY_ATTEMPTS", 3, 0, 20),
                bool("STORE_DETAILS", true),
                bool("STORE_CATALOGUE", true),
                integer("STORE_CATALOGUE_BATCH", 100, 1, PipelineSettings.MAX_CATALOGUE_BATCH));
    }

    private ResilienceSettings resilience() {
        return new ResilienceSettings(
                Durations.parse("RETRY_BACKOFF", text("RETRY_BACKOFF", "2s")),
                Durations.parse("THROTTLE_PAUSE", text("THROTTLE_PAUSE", "30s")),
                percent("MAX_LIST_SHRINK", "5%"));
    }

    private RecoverySettings recovery() {
        return new RecoverySettings(
                Durations.parse("RUN_LOCK_TIMEOUT", text("RUN_LOCK_TIMEOUT", "2m")),
                Durations.parse("DATABASE_RECONNECT", text("DATABASE_RECONNECT", "60s")));
    }

    private int percent(String variable, String fallback) {
        String value = text(variable, fallback);
        try {
            int parsed = Integer.parseInt(value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value);
            if (parsed >= 0 && parsed <= 100) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigException(variable, "'" + value + "' is not a share from 0% to 100%");
    }

    private String logLevel() {
        String level = text("LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new ConfigException("LOG_LEVEL", "'" + level + "' is not one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }
        return level;
    }

    private List<String> countryCodes() {
        List<String> codes = Arrays.stream(text("STORE_COUNTRY_CODES", "us").split(","))
                .map(code -> code.trim().toLowerCase(Locale.ROOT))
                .filter(code -> !code.isEmpty())
                .distinct()
                .toList();
        for (String code : codes) {
            if (!code.matches("[a-z]{2}")) {
                throw new ConfigException("STORE_COUNTRY_CODES", "'" + code + "' is not a two-letter country code");
            }
        }
        if (codes.isEmpty()) {
            throw new ConfigException("STORE_COUNTRY_CODES", "names no country");
        }
        return codes;
    }

    private NotifySettings notifySettings() {
        boolean enabled = bool("ENABLE_DISCORD", false);
        Optional<Secret> webhook = sources.lookup("DISCORD_WEBHOOK_URL")
                .map(value -> new Secret(checkedHttpUrl("DISCORD_WEBHOOK_URL", value, false).toString()));
        if (enabled && webhook.isEmpty()) {
            throw new ConfigException("DISCORD_WEBHOOK_URL", "must be set when ENABLE_DISCORD is true");
        }
        return new NotifySettings(enabled, webhook,
                integer("NOTIFY_MIN_DROP_PERCENT", 10, 0, 100),
                integer("NOTIFY_MIN_DISCOUNT_PERCENT", 25, 0, 100),
                integer("NOTIFY_MAX_PER_RUN", 50, 0, 100_000));
    }

    private MetricsSettings metrics() {
        boolean enabled = bool("ENABLE_METRICS", false);
        Optional<URI> gateway = sources.lookup("PROMETHEUS_GATEWAY")
                .map(value -> checkedHttpUrl("PROMETHEUS_GATEWAY", value.contains("://") ? value : "http://" + value, true));
        if (enabled && gateway.isEmpty()) {
            throw new ConfigException("PROMETHEUS_GATEWAY", "must be set when ENABLE_METRICS is true");
        }
        Optional<Path> textFile = sources.lookup("METRICS_TEXTFILE").map(workingDirectory::resolve);
        return new MetricsSettings(enabled, gateway, textFile);
    }

    private EventSettings events() {
        return EventSettings.parse(sources.lookup("KAFKA_BOOTSTRAP_SERVERS"),
                text("KAFKA_TOPIC", EventSettings.DEFAULT_TOPIC));
    }

    private String text(String variable, String fallback) {
        return sources.lookup(variable).orElse(fallback);
    }

    private RateLimit rateLimit(String variable, String fallback) {
        return RateLimit.parse(variable, text(variable, fallback));
    }

    private int integer(String variable, int fallback, int min, int max) {
        Optional<String> value = sources.lookup(variable);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigException(variable, "'" + value.get() + "' is not a whole number from " + min + " to " + max);
    }

    private boolean bool(String variable, boolean fallback) {
        Optional<String> value = sources.lookup(variable);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(variable, "'" + value.get() + "' is not true or false");
        };
    }

    private URI httpUrl(String variable, String fallback) {
        return checkedHttpUrl(variable, text(variable, fallback), true);
    }

    private static URI checkedHttpUrl(String variable, String value, boolean showValue) {
        String shown = showValue ? "'" + value + "'" : "the value";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ConfigException(variable, shown + " is not an http:// or https:// URL");
            }
            if (uri.getHost() == null) {
                throw new ConfigException(variable, shown + " names no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(variable, shown + " is not a valid URL: " + e.getReason());
        }
    }
}
