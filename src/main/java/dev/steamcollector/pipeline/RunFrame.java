package dev.steamcollector.pipeline;

import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every run that writes shares: the run lock, its row in {@code collection_runs} from start
 * to end (counters saved every 30 s), the {@code --max-duration} deadline, and the one decision of
 * how it ended, which its task's metrics are told too.
 */
public final class RunFrame {

    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(RunFrame.class);

    private final Database db;
    private final HttpGateway http;
    private final Clock clock;
    private final StopSignal stop;
    private Supplier<Optional<String>> whileLocked = Optional::empty;
    private final TaskMetrics metrics;

    public RunFrame(Database db, HttpGateway http, Clock clock, StopSignal stop, TaskMetrics metrics) {
        this.db = db;
        this.http = http;
        this.clock = clock;
        this.stop = stop;
        this.metrics = metrics;
    }

    /**
     * Adds a last step, after the run is recorded but before the lock is released; the line it
     * returns, if any, goes into the report. Its failures are logged.
     */
    public RunFrame whileLocked(Supplier<Optional<String>> lastStep) {
        this.whileLocked = lastStep;
        return this;
    }

    /** Runs {@code steps} (given the tally and the start time) under the lock and records the run. */
    public RunReport run(String mode, Optional<Duration> maxDuration, MaxFailures maxFailures,
            BiConsumer<RunTally, Instant> steps) {
        try (RunLock lock = RunLock.acquire(db.locks(), mode, clock)) {
            Instant started = clock.instant();
            int abandoned = db.runs().closeAbandoned(started);
            if (abandoned > 0) {
                log.warn("{} earlier run(s) ended without finishing (killed or crashed): recorded as interrupted; "
                        + "this run continues their work", abandoned);
            }
            long id = db.runs().start(mode, ProcessHandle.current().pid(), RunLock.hostName(), started);
            metrics.started();
            RunTally tally = new RunTally(metrics);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon(true).name("run-timer").factory());
            timer.scheduleAtFixedRate(() -> heartbeat(lock, id, tally), HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(),
                    TimeUnit.SECONDS);
            maxDuration.ifPresent(limit -> timer.schedule(
                    () -> stop.request(StopSignal.Reason.DEADLINE), limit.toMillis(), TimeUnit.MILLISECONDS));
            RuntimeException failure = null;
            try {
                steps.accept(tally, started);
            } catch (RuntimeException e) {
                failure = e;
                log.debug("Run {} failed", id, e);
            } finally {
                timer.shutdownNow();
                // a heartbeat still writing must not land after the final counters
                awaitQuietly(timer);
            }
            RunReport report = finish(id, mode, started, tally, maxFailures, failure);
            return report.withNote(lastStep());
        }
    }

    private Optional<String> lastStep() {
        try {
            return whileLocked.get();
        } catch (RuntimeException e) {
            log.warn("After the run: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heartbeat(RunLock lock, long id, RunTally tally) {
        try {
            lock.heartbeat(clock.instant());
            db.runs().updateCounters(id, tally.snapshot(http.stats().values()));
        } catch (RuntimeException e) {
            log.warn("Could not record the run's progress: {}", e.getMessage());
        }
    }

    private RunReport finish(long id, String mode, Instant started, RunTally tally, MaxFailures maxFailures,
            RuntimeException failure) {
        RunCounters counters = tally.snapshot(http.stats().values());
        RuntimeException outcome = failure;
        Optional<SourceTally> overBudget = tally.overBudget(maxFailures);
        if (stop.interrupted()) {
            outcome = new RunFailure.Interrupted(stop.reason());
        } else if (failure == null && overBudget.isPresent()) {
            SourceTally source = overBudget.get();
            outcome = new RunFailure.TooManyFailures(source.name().equals(RunTally.DETAILS) ? "" : source.name() + ": ",
                    source.failures(), maxFailures.allowed(source.processed()), mode.equals("prices")
                    ? "the next 'prices' run tries them again" : "'collect --retry-failed' tries them again");
        }
        // too many failures still means done (exit 3): the run did its work
        RunStatus status = outcome == null || outcome instanceof RunFailure.TooManyFailures ? RunStatus.SUCCEEDED
                : outcome instanceof RunFailure.Interrupted ? RunStatus.INTERRUPTED : RunStatus.FAILED;
        String message = outcome != null ? outcome.getMessage()
                : stop.reason() == StopSignal.Reason.DEADLINE ? "stopped at --max-duration; the rest is due next run"
                : null;
        metrics.finished(status);
        Instant finished = clock.instant();
        db.runs().finish(id, status, counters, message, finished);
        RunSummary summary = new RunSummary(id, mode, status,
                Duration.between(started, finished).truncatedTo(ChronoUnit.MILLIS), counters, tally.otherSources(),
                tally.pages(), http.stats(), message, tally.notes());
        return new RunReport(summary, Optional.ofNullable(outcome), Optional.empty());
    }

    /**
     * A run's summary; when it did not simply succeed, why; and a line about what was done after
     * it under the lock (notifications sent), to print after the summary.
     */
    public record RunReport(RunSummary summary, Optional<RuntimeException> failure, Optional<String> note) {

        RunReport withNote(Optional<String> line) {
            return new RunReport(summary, failure, line);
        }
    }
}
