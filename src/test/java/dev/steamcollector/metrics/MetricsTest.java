package dev.steamcollector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.http.Endpoint;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
    final Metrics metrics = new Metrics(clock);

    @Test
    void textExpositionCarriesEveryEventWithItsLabels() {
        TaskMetrics collect = metrics.task("collect");
        collect.started();
        collect.gameProcessed(FetchStatus.SUCCESS);
        collect.gameProcessed(FetchStatus.SUCCESS);
        collect.gameProcessed(FetchStatus.NOT_FOUND);
        collect.gameProcessed(FetchStatus.FAILED);
        metrics.requestFinished(Endpoint.STEAMSPY, "200", Duration.ofMillis(500));
        metrics.requestFinished(Endpoint.STEAMSPY, "200", Duration.ofMillis(125));
        metrics.requestFinished(Endpoint.STEAMSPY, "throttled", Duration.ofNanos(62_500_000));
        metrics.requestFinished(Endpoint.STEAMSPY_ALL, "error", Duration.ofSeconds(2));
        metrics.paceChanged(Endpoint.STEAMSPY, 1.0);
        metrics.paceChanged(Endpoint.STEAMSPY, 0.75);
        metrics.queueSize(Metrics.DETAILS_DUE, 1234);
        metrics.queueSize(Metrics.NOTIFICATIONS, 7);
        clock.advance(Duration.ofSeconds(90));
        collect.finished(RunStatus.SUCCEEDED);

        String text = metrics.toText();

        assertThat(text.lines()).contains(
                "# TYPE steam_games_processed_total counter",
                "steam_games_processed_total{status=\"success\",task=\"collect\"} 2.0",
                "steam_games_processed_total{status=\"not_found\",task=\"collect\"} 1.0",
                "steam_games_processed_total{status=\"failed\",task=\"collect\"} 1.0",
                "steam_api_requests_total{endpoint=\"steamspy\",status=\"200\"} 2.0",
                "steam_api_requests_total{endpoint=\"steamspy\",status=\"throttled\"} 1.0",
                "steam_api_requests_total{endpoint=\"steamspy_all\",status=\"error\"} 1.0",
                "# TYPE steam_api_request_duration_seconds histogram",
                "steam_api_request_duration_seconds_bucket{endpoint=\"steamspy\",le=\"0.25\"} 2",
                "steam_api_request_duration_seconds_bucket{endpoint=\"steamspy\",le=\"+Inf\"} 3",
                "steam_api_request_duration_seconds_count{endpoint=\"steamspy\"} 3",
                "steam_api_request_duration_seconds_sum{endpoint=\"steamspy\"} 0.6875",
                "steam_api_request_duration_seconds_count{endpoint=\"steamspy_all\"} 1",
                "steam_task_duration_seconds{task=\"collect\"} 90.0",
                "steam_pipeline_status 0.0",
                "steam_queue_size{queue=\"details_due\"} 1234.0",
                "# TYPE steam_endpoint_pace gauge",
                "steam_endpoint_pace{endpoint=\"steamspy\"} 0.75",
                "steam_queue_size{queue=\"notifications\"} 7.0",
                "steam_last_success_timestamp_seconds " + (double) START.plusSeconds(90).getEpochSecond());
        assertThat(text.lines().filter(line -> line.startsWith("# TYPE ")).map(line -> line.split(" ")[2]))
                .containsExactlyInAnyOrderElementsOf(Metrics.NAMES);
    }

    @Test
    void pipelineStatusIsOneWhileRunningAndNegativeWhenItFailedOrWasInterrupted() {
        TaskMetrics prices = metrics.task("prices");
        prices.started();
        assertThat(metrics.toText().lines()).contains("steam_pipeline_status 1.0");

        prices.finished(RunStatus.FAILED);
        assertThat(metrics.toText().lines()).contains("steam_pipeline_status -1.0");

        prices.started();
        prices.finished(RunStatus.INTERRUPTED);
        assertThat(metrics.toText().lines()).contains("steam_pipeline_status -2.0");
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
            Metrics earlier = new Metrics(clock);
            earlier.task("collect").started();
            earlier.task("collect").finished(RunStatus.SUCCEEDED);
            earlier.writeTextFile(file);

            metrics.task("collect").started();
            metrics.task("collect").finished(RunStatus.FAILED);
            metrics.writeTextFile(file);

            assertThat(Files.readAllLines(file)).contains("steam_pipeline_status -1.0",
                    "# TYPE steam_last_success_timestamp_seconds gauge",
                    "steam_last_success_timestamp_seconds " + (double) START.getEpochSecond());
        }

        @Test
        void createsItsDirectory() throws IOException {
            Path file = directory.resolve("textfile/steam.prom");
            metrics.task("notify").started();

            metrics.writeTextFile(file);

            assertThat(file).content().contains("steam_pipeline_status 1.0");
        }
    }
}
