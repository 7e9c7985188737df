package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.EndpointStats;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    static final RunCounters COUNTERS = new RunCounters(1_000, 1_000, 0, 50, 48, 1, 1, 52, 2, 0);
    static final Map<Endpoint, EndpointStats.Snapshot> ENDPOINTS = Map.of(
            Endpoint.STEAMSPY, new EndpointStats.Snapshot(50, 2, 0, 1),
            Endpoint.STEAMSPY_ALL, new EndpointStats.Snapshot(2, 0, 0, 0),
            Endpoint.STORE, new EndpointStats.Snapshot(0, 0, 0, 0));

    @Test
    void aListFromTheSteamSpyPagesSaysSo() {
        String text = print(RunMode.INCREMENTAL, COUNTERS, Optional.of(new RunTally.AppListReport("SteamSpy all pages",
                Optional.empty())));

        assertThat(text.lines()).containsExactly(
                "Run #7 (incremental) succeeded in 12.5s",
                "  App list:  1,000 games listed from SteamSpy all pages, 1,000 new, 0 deactivated",
                "  Details:   50 games processed: 48 succeeded, 1 not found, 1 failed",
                "  SteamSpy:            50 requests, 2 retries, 0 throttle pauses, 1 failed",
                "  SteamSpy all pages:  2 requests, 0 retries, 0 throttle pauses, 0 failed");
    }

    @Test
    void pagesReadRecentlyAreNotReportedAsAnEmptyList() {
        RunCounters noList = new RunCounters(0, 0, 0, 50, 48, 1, 1, 50, 2, 0);

        String text = print(RunMode.INCREMENTAL, noList, Optional.of(new RunTally.AppListReport("SteamSpy all pages",
                Optional.of("the SteamSpy pages were read in full less than 20 hours ago"))));

        assertThat(text).contains("  App list:  not fetched: the SteamSpy pages were read in full less than 20 hours ago")
                .doesNotContain("0 games listed");
    }

    @Test
    void aRunThatFetchesNoListSaysNothingOfIt() {
        assertThat(print(RunMode.UPDATE_METADATA, COUNTERS, Optional.empty())).doesNotContain("App list");
    }

    @Test
    void pricesCountPricesNotDetails() {
        RunCounters prices = new RunCounters(0, 0, 0, 400, 390, 4, 6, 4, 0, 0);

        String text = print(RunMode.PRICES, prices, Optional.empty());

        assertThat(text).doesNotContain("App list").doesNotContain("Details")
                .contains("  Prices:    400 asked (a game once per country): 390 priced, 4 unknown to the Store, 6 failed");
    }

    private static String print(RunMode mode, RunCounters counters, Optional<RunTally.AppListReport> appList) {
        StringWriter out = new StringWriter();
        new RunSummary(7, mode, RunStatus.SUCCEEDED, Duration.ofMillis(12_500), counters, appList, List.of(), 0,
                ENDPOINTS, Map.of(), null, List.of())
                .printTo(new PrintWriter(out));
        return out.toString();
    }
}
