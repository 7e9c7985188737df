package dev.steamcollector.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the program is configured with, read once at start-up. {@code priceSweepPeriod}: with
 * change numbers, {@code prices} still asks about every game at least this often.
 */
public record Settings(
        DatabaseSettings database,
        ApiSettings api,
        PipelineSettings pipeline,
        ResilienceSettings resilience,
        String logLevel,
        List<String> storeCountryCodes,
        Duration priceSweepPeriod,
        NotifySettings notifications,
        MetricsSettings metrics,
        RecoverySettings recovery,
        EventSettings events) {

    public Settings {
        storeCountryCodes = List.copyOf(storeCountryCodes);
    }

    /** Every secret value configured, in each form it may take, for the logs to hide. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(database.secrets());
        api.steamApiKey().map(Secret::reveal).ifPresent(secrets::add);
        notifications.webhookUrl().map(Secret::reveal).ifPresent(url -> {
            secrets.add(url);
            // the webhook's token is its last path segment (68 characters at Discord)
            String[] segments = url.replaceAll("[?#].*$", "").split("/");
            if (segments.length > 0 && segments[segments.length - 1].length() >= 16) {
                secrets.add(segments[segments.length - 1]);
            }
        });
        return List.copyOf(secrets);
    }
}
