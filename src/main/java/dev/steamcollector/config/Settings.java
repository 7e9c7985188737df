package dev.steamcollector.config;

import java.time.Duration;
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
        EventSettings events) {

    public Settings {
        storeCountryCodes = List.copyOf(storeCountryCodes);
    }
}
