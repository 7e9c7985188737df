package dev.steamcollector.config;

import java.util.List;

/** Everything the program is configured with, read once at start-up. */
public record Settings(
        DatabaseSettings database,
        ApiSettings api,
        PipelineSettings pipeline,
        ResilienceSettings resilience,
        String logLevel,
        List<String> storeCountryCodes,
        NotifySettings notifications,
        MetricsSettings metrics) {

    public Settings {
        storeCountryCodes = List.copyOf(storeCountryCodes);
    }
}
