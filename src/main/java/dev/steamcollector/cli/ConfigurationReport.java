package dev.steamcollector.cli;

import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.Settings;
import dev.steamcollector.metrics.MetricsPublisher;
import dev.steamcollector.persistence.Migrations;
import java.io.PrintWriter;

/** What {@code migrate} prints: the schema version and the configuration in force, secrets masked. */
record ConfigurationReport(Settings settings, Migrations.Outcome migrations) {

    void printTo(PrintWriter out) {
        ApiSettings api = settings.api();
        out.printf("Database:        %s%n", settings.database().describe());
        out.printf("Schema:          version %s (%d migration%s applied now)%n", migrations.schemaVersion(),
                migrations.applied(), migrations.applied() == 1 ? "" : "s");
        out.printf("Steam API key:   %s%n", api.steamApiKey()
                .map(key -> key.masked() + " (app list from IStoreService/GetAppList)")
                .orElse("not set (app list limited to games SteamSpy tracks)"));
        out.printf("Rate limits:     Steam Web API %s, Store %s, SteamSpy %s, SteamSpy all %s, Store reviews %s,"
                + " Store catalogue %s%n", api.steamWebApiLimit(), api.storeLimit(), api.steamSpyLimit(),
                api.steamSpyAllLimit(), api.storeReviewsLimit(), api.storeCatalogueLimit());
        out.printf("Pipeline:        %d workers, %d games per transaction, %d retries per request%n",
                settings.pipeline().maxWorkers(), settings.pipeline().batchSize(),
                settings.pipeline().retryAttempts());
        out.printf("Store countries: %s%n", String.join(",", settings.storeCountryCodes()));
        out.printf("Store details:   %s%n", describeStoreDetails());
        out.printf("Discord:         %s%n", settings.notifications().enabled() ? "enabled" : "disabled");
        out.printf("Metrics:         %s%n", describeMetrics());
        out.flush();
    }

    private String describeStoreDetails() {
        var pipeline = settings.pipeline();
        if (!pipeline.storeDetails()) {
            return "off";
        }
        return "on (collect keeps each game's Store description and review summary; "
                + (pipeline.storeCatalogue() ? "the catalogue describes every game daily, " + pipeline.catalogueBatch()
                        + " a request)" : "one game a request, the catalogue off)");
    }

    private String describeMetrics() {
        var metrics = settings.metrics();
        String push = metrics.enabled() ? "push to " + metrics.pushGateway().orElseThrow() : "no push";
        return metrics.textFile()
                .map(file -> push + ", textfiles " + MetricsPublisher.textFileOf(file, "<command>"))
                .orElse(push);
    }
}
