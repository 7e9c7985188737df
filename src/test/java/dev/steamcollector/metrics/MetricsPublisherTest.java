package dev.steamcollector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.steamcollector.config.MetricsSettings;
import dev.steamcollector.model.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsPublisherTest {

    @TempDir
    Path directory;

    final Metrics metrics = new Metrics();

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
    void publishesWhileTheTaskRunsAndOnceMoreWhenClosed() throws IOException {
        Path file = directory.resolve("steam.prom");
        TaskMetrics collect = metrics.task("collect");
        MetricsPublisher publisher = new MetricsPublisher(textFileOnly(file), metrics, "collect", Duration.ofMillis(10));
        try (publisher) {
            collect.started();
            awaitCondition(() -> Files.exists(file));
            assertThat(Files.readString(file)).contains("steam_pipeline_status 1.0");
            collect.finished(RunStatus.SUCCEEDED);
        }

        assertThat(Files.readString(file)).contains("steam_pipeline_status 0.0", Metrics.LAST_SUCCESS);
    }

    @Test
    void publishesNothingBeforeATaskStarted() {
        Path file = directory.resolve("steam.prom");

        MetricsPublisher.start(textFileOnly(file), metrics, "collect").close();

        assertThat(file).doesNotExist();
    }

    @Test
    void aTextFileThatCannotBeWrittenIsAWarningNotAFailure() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("plain-file"), "");
        metrics.task("collect").started();

        MetricsPublisher publisher = MetricsPublisher.start(textFileOnly(notADirectory.resolve("steam.prom")), metrics,
                "collect");

        assertThatNoException().isThrownBy(publisher::close);
    }
}
