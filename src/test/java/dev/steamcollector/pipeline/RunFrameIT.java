package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steamcollector.config.RateLimit;
import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run in its frame ends on real SQLite, when the ending is not one a run chooses. */
class RunFrameIT {

    @TempDir
    Path directory;

    final StopSignal stop = new StopSignal();
    final Clock clock = Clock.systemUTC();

    @Test
    void anErrorInAFetchEndsTheRunRecordedFailedWithItsLockReleased() {
        TestDatabase db = TestDatabase.sqlite(directory);
        GameFetcher<String> fetcher = game -> {
            if (game.appId() == 30) {
                throw new StackOverflowError();
            }
            return new FetchOutcome.Fetched<>(game.appId(), "x", clock.instant());
        };
        try (Database database = Database.open(db.settings());
                HttpGateway http = TestApis.gateway("http://127.0.0.1:9", RateLimit.parse("test", "1/second"), 0)) {
            database.migrations().apply();
            RunFrame frame = new RunFrame(new RunFrame.Parts(database, http, clock, stop,
                    new Metrics("collect").task("collect"),
                    mode -> RunLock.acquire(database.locks(), mode.label(), clock, RunLock.DEFAULT_TIMEOUT),
                    Optional::empty, summary -> { }));
            PerGameEngine engine = new PerGameEngine(stop, Duration.ofSeconds(5), new PerGameEngine.Limits(1, 100),
                    (task, total) -> Progress.create(task, total, false, clock));
            GameSource<String> source = new PerGameEngineTest.TestSource<>(fetcher, batch -> { });
            List<DueGame> due = IntStream.rangeClosed(1, 5).mapToObj(i -> new DueGame(10 * i, 0)).toList();

            assertThatThrownBy(() -> frame.run(RunMode.INCREMENTAL, Optional.empty(), MaxFailures.DEFAULT,
                    (tally, started) -> engine.run(source, due, tally.source(RunTally.DETAILS))))
                    .isInstanceOf(StackOverflowError.class);
        }

        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("failed");
        assertThat(db.queryString("SELECT message FROM collection_runs")).contains("StackOverflowError");
        // the games before it came back and count; the error is no game's failure
        assertThat(db.queryLong("SELECT games_processed FROM collection_runs")).isEqualTo(2);
        assertThat(db.queryLong("SELECT games_failed FROM collection_runs")).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }
}
