package dev.steamcollector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.steamcollector.config.MetricsSettings;
import dev.steamcollector.http.Endpoint;
import dev.steamcollector.model.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsPublisherTest {

    @TempDir
    Path directory;

    final MemoryCounterStore store = new MemoryCounterStore();
    final Metrics metrics = new Metrics("collect", store, Clock.systemUTC());

    private MetricsSettings textFileOnly(Path file) {
        return new MetricsSettings(false, Optional.empty(), Optional.of(file));
    }

    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void eachCommandHasATextFileOfItsOwnBesideTheConfiguredOne() {
        assertThat(MetricsPublisher.textFileOf(Path.of("/var/lib/textfile/steam_collector.prom"), "collect"))
                .isEqualTo(Path.of("/var/lib/textfile/steam_collector_collect.prom"));
        assertThat(MetricsPublisher.textFileOf(Path.of("metrics"), "prices")).isEqualTo(Path.of("metrics_prices"));
    }

    @Test
    void publishesWhileTheTaskRunsAndOnceMoreWhenClosedSavingTheTotalsFirst() throws IOException {
        Path file = directory.resolve("steam_collector_collect.prom");
        TaskMetrics collect = metrics.task("collect");
        MetricsPublisher publisher = new MetricsPublisher(textFileOnly(directory.resolve("steam_collector.prom")),
                metrics, Duration.ofMillis(10));
        try (publisher) {
            collect.started();
            awaitCondition(() -> Files.exists(file));
            assertThat(Files.readString(file)).contains("steam_pipeline_status{command=\"collect\"} 1.0");
            metrics.requestFinished(Endpoint.STEAMSPY, "200", Duration.ofMillis(10));
            collect.finished(RunStatus.SUCCEEDED);
        }

        assertThat(Files.readString(file)).contains("steam_pipeline_status{command=\"collect\"} 0.0",
                Metrics.LAST_SUCCESS, "steam_api_requests_total{command=\"collect\",endpoint=\"steamspy\",status=\"200\"}");
        assertThat(store.total(Metrics.API_REQUESTS, Map.of("endpoint", "steamspy", "status", "200"))).isEqualTo(1);
    }

    @Test
    void theFileEarlierVersionsWroteForEveryCommandIsRemoved() throws IOException {
        Path combined = Files.writeString(directory.resolve("steam_collector.prom"),
                "# TYPE steam_pipeline_status gauge\nsteam_pipeline_status -1.0\n");
        Path unrelated = Files.writeString(directory.resolve("other.prom"), "node_thing 1\n");
        metrics.task("collect").started();

        MetricsPublisher.start(textFileOnly(combined), metrics).close();
        MetricsPublisher.start(textFileOnly(unrelated), metrics).close();

        assertThat(combined).doesNotExist();
        assertThat(directory.resolve("steam_collector_collect.prom")).exists();
        assertThat(unrelated).as("not a file of this program").exists();
    }

    @Test
    void publishesNothingBeforeATaskStarted() {
        Path file = directory.resolve("steam.prom");

        MetricsPublisher.start(textFileOnly(file), metrics).close();

        assertThat(directory.resolve("steam_collect.prom")).doesNotExist();
        assertThat(store.saves).isZero();
    }

    @Test
    void aTextFileThatCannotBeWrittenOrTotalsThatCannotBeSavedAreWarningsNotFailures() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("plain-file"), "");
        metrics.task("collect").started();
        metrics.requestFinished(Endpoint.STEAMSPY, "200", Duration.ofMillis(10));
        store.failing = true;

        MetricsPublisher publisher = MetricsPublisher.start(textFileOnly(notADirectory.resolve("steam.prom")), metrics);

        assertThatNoException().isThrownBy(publisher::close);
    }
}
