package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.RunCheckpoint;
import dev.steamcollector.model.RunCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    static final Instant AT = Instant.parse("2026-01-12T03:15:00Z");

    final RunTally run = new RunTally(new Metrics("collect").task("collect"), 7);
    final List<Optional<RunCheckpoint>> checkpoints = new ArrayList<>();
    final BatchSink<String> sink = new BatchSink<>() {
        @Override
        public void store(List<FetchOutcome<String>> batch) {
            throw new AssertionError("a batch must be stored with its checkpoint");
        }

        @Override
        public void store(List<FetchOutcome<String>> batch, Optional<RunCheckpoint> checkpoint) {
            checkpoints.add(checkpoint);
        }
    };

    private BatchWriter<String> writer(SourceTally tally) {
        return new BatchWriter<>(sink, 2, tally, new Progress.LogLines("Test", 3, Clock.systemUTC(), Duration.ofHours(1)));
    }

    @Test
    void eachBatchOfTheMainSourceCarriesTheRunsCountersAsTheyStandOnceItIsCommitted() {
        SourceTally details = run.source(RunTally.DETAILS);
        BatchWriter<String> writer = writer(details);

        writer.add(new FetchOutcome.Fetched<>(10, "data", AT));
        writer.add(new FetchOutcome.Failed<>(20, "HTTP 503", AT, AT.plusSeconds(900)));
        writer.add(new FetchOutcome.NotFound<>(30, AT));
        writer.flush();

        assertThat(checkpoints).containsExactly(
                Optional.of(new RunCheckpoint(7, new RunCounters(0, 0, 0, 2, 1, 0, 1, 0, 0, 0))),
                Optional.of(new RunCheckpoint(7, new RunCounters(0, 0, 0, 3, 1, 1, 1, 0, 0, 0))));
        assertThat(details.snapshot()).isEqualTo(new SourceTally.Counts(RunTally.DETAILS, 1, 1, 1));
    }

    @Test
    void otherSourcesCarryNoCounters() {
        BatchWriter<String> writer = writer(run.source("Store"));

        writer.add(new FetchOutcome.Fetched<>(10, "data", AT));
        writer.flush();

        assertThat(checkpoints).containsExactly(Optional.empty());
    }

    @Test
    void aBatchThatCannotBeStoredIsNotCounted() {
        SourceTally details = run.source(RunTally.DETAILS);
        BatchWriter<String> writer = new BatchWriter<>((BatchSink<String>) batch -> {
            throw new IllegalStateException("disk full");
        }, 1, details, new Progress.LogLines("Test", 1, Clock.systemUTC(), Duration.ofHours(1)));

        assertThatThrownBy(() -> writer.add(new FetchOutcome.Fetched<>(10, "data", AT)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(details.processed()).as("the run's count of a game it could not save").isZero();
    }
}
