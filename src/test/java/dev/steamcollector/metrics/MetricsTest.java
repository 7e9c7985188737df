package dev.steamcollector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steamcollector.http.Endpoint;
import dev.steamcollector.model.DataAge;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    static final Instant START = Instant.parse("2026-03-01T02:00:00Z");

    /** A clock that stays where it is put. */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(START);

        void advance(Duration by) {
            now.updateAndGet(at -> at.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final ManualClock clock = new ManualClock();
    final MemoryCounterStore store = new MemoryCounterStore();
    final Metrics metrics = new Metrics("collect", store, clock);

    @Test
    void textExpositionCarriesEveryEventWithItsLabelsAndTheCommand() {
        TaskMetrics collect = metrics.task("collect");
        collect.started();
        collect.gameProcessed(FetchStatus.SUCCESS);
        collect.gameProcessed(FetchStatus.SUCCESS);
        collect.gameProcessed(FetchStatus.NOT_FOUND);
        metrics.requestFinished(Endpoint.STEAMSPY, "200", Duration.ofMillis(500));
        metrics.requestFinished(Endpoint.STEAMSPY, "200", Duration.ofMillis(125));
        metrics.requestFinished(Endpoint.STEAMSPY, "throttled", Duration.ofNanos(62_500_000));
        metrics.requestFinished(Endpoint.STEAMSPY_ALL, "error", Duration.ofSeconds(2));
        metrics.paceChanged(Endpoint.STEAMSPY, 1.0);
        metrics.paceChanged(Endpoint.STEAMSPY, 0.75);
        metrics.queueSize(Metrics.DETAILS_DUE, 1234);
        metrics.queueSize(Metrics.NOTIFICATIONS, 7);
        metrics.dataAge(new DataAge(DataAge.CATALOGUE, 100, 5, Optional.of(Duration.ofHours(3)),
                Optional.of(Duration.ofHours(20)), Optional.of(Duration.ofDays(2))));
        clock.advance(Duration.ofSeconds(90));
        collect.finished(RunStatus.SUCCEEDED);
        metrics.saveTotals();

        String text = metrics.toText();

        assertThat(text.lines()).contains(
                "# TYPE steam_games_processed_total counter",
                "steam_games_processed_total{command=\"collect\",status=\"success\",task=\"collect\"} 2.0",
                "steam_games_processed_total{command=\"collect\",status=\"not_found\",task=\"collect\"} 1.0",
                "steam_games_processed_total{command=\"collect\",status=\"failed\",task=\"collect\"} 0.0",
                "steam_api_requests_total{command=\"collect\",endpoint=\"steamspy\",status=\"200\"} 2.0",
                "steam_api_requests_total{command=\"collect\",endpoint=\"steamspy\",status=\"throttled\"} 1.0",
                "steam_api_requests_total{command=\"collect\",endpoint=\"steamspy_all\",status=\"error\"} 1.0",
                "# TYPE steam_api_request_duration_seconds histogram",
                "steam_api_request_duration_seconds_bucket{command=\"collect\",endpoint=\"steamspy\",le=\"0.25\"} 2",
                "steam_api_request_duration_seconds_bucket{command=\"collect\",endpoint=\"steamspy\",le=\"+Inf\"} 3",
                "steam_api_request_duration_seconds_count{command=\"collect\",endpoint=\"steamspy\"} 3",
                "steam_api_request_duration_seconds_sum{command=\"collect\",endpoint=\"steamspy\"} 0.6875",
                "steam_api_request_duration_seconds_count{command=\"collect\",endpoint=\"steamspy_all\"} 1",
                "steam_task_duration_seconds{command=\"collect\",task=\"collect\"} 90.0",
                "steam_pipeline_status{command=\"collect\"} 0.0",
                "steam_queue_size{command=\"collect\",queue=\"details_due\"} 1234.0",
                "# TYPE steam_endpoint_pace gauge",
                "steam_endpoint_pace{command=\"collect\",endpoint=\"steamspy\"} 0.75",
                "steam_queue_size{command=\"collect\",queue=\"notifications\"} 7.0",
                "steam_data_age_seconds{command=\"collect\",quantile=\"0.5\",source=\"catalogue\"} 10800.0",
                "steam_data_age_seconds{command=\"collect\",quantile=\"0.95\",source=\"catalogue\"} 72000.0",
                "steam_data_age_seconds{command=\"collect\",quantile=\"1\",source=\"catalogue\"} 172800.0",
                "steam_last_success_timestamp_seconds{command=\"collect\"} "
                        + (double) START.plusSeconds(90).getEpochSecond());
        assertThat(text.lines().filter(line -> line.startsWith("# TYPE ")).map(line -> line.split(" ")[2]))
                .containsExactlyInAnyOrderElementsOf(Metrics.NAMES);
        assertThat(text.lines().filter(line -> !line.startsWith("#")))
                .as("every series names its command").allMatch(line -> line.contains("command=\"collect\""));
    }

    @Test
    void pipelineStatusIsOneWhileRunningThenTheOutcome() {
        TaskMetrics prices = new Metrics("prices").task("prices");
        prices.started();
        assertThat(prices.metrics().toText().lines()).contains("steam_pipeline_status{command=\"prices\"} 1.0");

        prices.finished(RunStatus.FAILED);
        assertThat(prices.metrics().toText().lines()).contains("steam_pipeline_status{command=\"prices\"} -1.0");

        prices.started();
        prices.finished(RunStatus.INTERRUPTED);
        assertThat(prices.metrics().toText().lines()).contains("steam_pipeline_status{command=\"prices\"} -2.0");
    }

    @Test
    void tooManyFailedGamesIsNoSuccess() {
        metrics.task("collect").started();
        metrics.task("collect").finished(TaskOutcome.TOO_MANY_FAILURES);

        assertThat(metrics.toText().lines()).contains("steam_pipeline_status{command=\"collect\"} -3.0");
        assertThat(metrics.toText()).doesNotContain(Metrics.LAST_SUCCESS);
    }

    @Test
    void aRunWithoutSuccessReportsNoLastSuccessTimeRatherThanZero() {
        metrics.task("collect").started();
        metrics.task("collect").finished(RunStatus.FAILED);

        assertThat(metrics.toText()).doesNotContain(Metrics.LAST_SUCCESS);
    }

    @Test
    void nothingIsWorthPublishingBeforeATaskStarted() {
        metrics.requestFinished(Endpoint.STORE, "200", Duration.ofMillis(5));
        assertThat(metrics.anyTaskStarted()).isFalse();

        metrics.task("prices").started();
        assertThat(metrics.anyTaskStarted()).isTrue();
    }

    /** Counters as Prometheus wants a batch job's: totals over every run, published as saved. */
    @Nested
    class Totals {

        private String sample(Metrics of, String series) {
            return of.toText().lines().filter(line -> line.startsWith(series + " ")).findFirst()
                    .map(line -> line.substring(series.length() + 1)).orElse(null);
        }

        private static final String STORE_200 =
                "steam_api_requests_total{command=\"prices\",endpoint=\"store\",status=\"200\"}";
        private static final String STORE_429 =
                "steam_api_requests_total{command=\"prices\",endpoint=\"store\",status=\"429\"}";
        private static final String STORE_520 =
                "steam_api_requests_total{command=\"prices\",endpoint=\"store\",status=\"520\"}";
        private static final String STORE_COUNT =
                "steam_api_request_duration_seconds_count{command=\"prices\",endpoint=\"store\"}";

        private Metrics run(int ok, int throttled) {
            Metrics run = new Metrics("prices", store, clock);
            run.task("prices").started();
            for (int i = 0; i < ok; i++) {
                run.requestFinished(Endpoint.STORE, "200", Duration.ofMillis(100));
            }
            for (int i = 0; i < throttled; i++) {
                run.requestFinished(Endpoint.STORE, "429", Duration.ofMillis(100));
            }
            run.task("prices").finished(RunStatus.SUCCEEDED);
            run.saveTotals();
            return run;
        }

        @Test
        void aRunContinuesTheTotalsOfTheRunsBefore() {
            run(25, 0);
            Metrics second = run(18, 55);

            assertThat(sample(second, STORE_200)).isEqualTo("43.0");
            assertThat(sample(second, STORE_429)).isEqualTo("55.0");
            assertThat(sample(second, STORE_COUNT)).isEqualTo("98");
            assertThat(store.total(Metrics.API_REQUESTS, Map.of("endpoint", "store", "status", "200"))).isEqualTo(43);
        }

        @Test
        void theUsualFailureStatusesExistAtZeroFromAnEndpointsFirstRequest() {
            Metrics first = run(25, 0);

            assertThat(sample(first, STORE_429)).isEqualTo("0.0");
            assertThat(Metrics.USUAL_STATUSES).allSatisfy(status -> assertThat(sample(first,
                    "steam_api_requests_total{command=\"prices\",endpoint=\"store\",status=\"" + status + "\"}"))
                    .isNotNull());
        }

        @Test
        void whatIsPublishedIsWhatWasSaved() {
            Metrics first = run(25, 0);
            first.requestFinished(Endpoint.STORE, "200", Duration.ofMillis(100));

            assertThat(sample(first, STORE_200)).as("counted, not saved yet").isEqualTo("25.0");
            first.saveTotals();
            assertThat(sample(first, STORE_200)).isEqualTo("26.0");
        }

        @Test
        void aSeriesThatAppearsAfterAPublicationIsFirstShownAtZero() {
            Metrics first = run(25, 0);
            first.requestFinished(Endpoint.STORE, "520", Duration.ofMillis(100));
            first.saveTotals();
            assertThat(sample(first, STORE_520)).as("its first sample: the 1 counts as an increase after it")
                    .isEqualTo("0.0");

            first.saveTotals();
            assertThat(sample(first, STORE_520)).isEqualTo("1.0");
            assertThat(sample(run(0, 0), STORE_520)).as("the next run shows the total").isEqualTo("1.0");
        }

        @Test
        void aSaveThatFailsKeepsWhatWasPublishedAndIsMadeUpLater() {
            Metrics first = run(25, 0);
            first.requestFinished(Endpoint.STORE, "200", Duration.ofMillis(100));
            store.failing = true;

            assertThatThrownBy(first::saveTotals).hasMessageContaining("locked");
            assertThat(sample(first, STORE_200)).isEqualTo("25.0");
            store.failing = false;
            first.saveTotals();
            assertThat(sample(first, STORE_200)).isEqualTo("26.0");
            assertThat(store.total(Metrics.API_REQUESTS, Map.of("endpoint", "store", "status", "200"))).isEqualTo(26);
        }

        @Test
        void totalsThatCannotBeReadAreNotPublishedAsIfTheyStartedAtZero() {
            run(25, 0);
            store.failing = true;
            Metrics next = new Metrics("prices", store, clock);
            next.task("prices").started();
            next.requestFinished(Endpoint.STORE, "200", Duration.ofMillis(100));
            next.task("prices").finished(RunStatus.SUCCEEDED);
            store.failing = false;
            next.saveTotals();

            assertThat(next.toText()).doesNotContain(Metrics.API_REQUESTS).doesNotContain(Metrics.GAMES_PROCESSED)
                    .contains("steam_pipeline_status{command=\"prices\"} 0.0");
            assertThat(store.total(Metrics.API_REQUESTS, Map.of("endpoint", "store", "status", "200"))).isEqualTo(25);
        }
    }

    @Nested
    class TextFile {

        @TempDir
        Path directory;

        @Test
        void replacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
            Path file = directory.resolve("steam.prom");
            Files.writeString(file, "old_metric 1\n");
            Path oldVersion = directory.resolve("old-version");
            Files.createLink(oldVersion, file);
            metrics.task("collect").started();

            metrics.writeTextFile(file);

            assertThat(Files.readString(file)).isEqualTo(metrics.toText());
            // a rename, not a rewrite in place: whoever had the old file open still reads it whole
            assertThat(Files.readString(oldVersion)).isEqualTo("old_metric 1\n");
            try (var files = Files.list(directory)) {
                assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("steam.prom",
                        "old-version");
            }
        }

        @Test
        void aFailedRunKeepsTheLastSuccessTheFileHeld() throws IOException {
            Path file = directory.resolve("steam.prom");
            Metrics earlier = new Metrics("collect", store, clock);
            earlier.task("collect").started();
            earlier.task("collect").finished(RunStatus.SUCCEEDED);
            earlier.writeTextFile(file);

            metrics.task("collect").started();
            metrics.task("collect").finished(RunStatus.FAILED);
            metrics.writeTextFile(file);

            assertThat(Files.readAllLines(file)).contains("steam_pipeline_status{command=\"collect\"} -1.0",
                    "# TYPE steam_last_success_timestamp_seconds gauge",
                    "steam_last_success_timestamp_seconds{command=\"collect\"} " + (double) START.getEpochSecond());
        }

        @Test
        void createsItsDirectory() throws IOException {
            Path file = directory.resolve("textfile/steam.prom");
            Metrics notify = new Metrics("notify");
            notify.task("notify").started();

            notify.writeTextFile(file);

            assertThat(file).content().contains("steam_pipeline_status{command=\"notify\"} 1.0");
        }
    }
}
