package dev.steamcollector.pipeline;

import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.metrics.TaskOutcome;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every run that writes shares: the run lock, its row in {@code collection_runs} from start
 * to end (counters saved every 30 s), the endpoints' paces (resumed from the last run, saved with
 * the counters), the {@code --max-duration} deadline, and the one decision of how it ended, which
 * its task's metrics are told too. A process that ends before the run does (a second signal) still
 * records it, from the lock's shutdown hook.
 */
public final class RunFrame {

    private static final Duration COUNTERS_EVERY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(RunFrame.class);

    private final Database db;
    private final HttpGateway http;
    private final Clock clock;
    private final StopSignal stop;
    private final TaskMetrics metrics;
    private Supplier<Optional<String>> whileLocked = Optional::empty;
    private Duration lockTimeout = RunLock.DEFAULT_TIMEOUT;
    private Consumer<RunSummary> abruptSummary = summary -> { };

    public RunFrame(Database db, HttpGateway http, Clock clock, StopSignal stop, TaskMetrics metrics) {
        this.db = db;
        this.http = http;
        this.clock = clock;
        this.stop = stop;
        this.metrics = metrics;
    }

    /**
     * Adds a last step, after the run is recorded but before the lock is released; the line it
     * returns, if any, goes into the report. Its failures are logged. It is skipped when a signal
     * stopped the run.
     */
    public RunFrame whileLocked(Supplier<Optional<String>> lastStep) {
        this.whileLocked = lastStep;
        return this;
    }

    /** How long the run lock lives without a heartbeat (default two minutes). */
    public RunFrame lockTimeout(Duration timeout) {
        this.lockTimeout = timeout;
        return this;
    }

    /** Where the summary goes when the process ends before the run does. */
    public RunFrame onAbruptEnd(Consumer<RunSummary> summary) {
        this.abruptSummary = summary;
        return this;
    }

    /** Runs {@code steps} (given the tally and the start time) under the lock and records the run. */
    public RunReport run(String mode, Optional<Duration> maxDuration, MaxFailures maxFailures,
            BiConsumer<RunTally, Instant> steps) {
        try (RunLock lock = RunLock.acquire(db.locks(), mode, clock, lockTimeout)) {
            Instant started = clock.instant();
            int abandoned = db.runs().closeAbandoned(started);
            if (abandoned > 0) {
                log.warn("{} earlier run(s) ended without finishing (killed or crashed): recorded as interrupted; "
                        + "this run continues their work", abandoned);
            }
            long id = db.runs().start(mode, ProcessHandle.current().pid(), RunLock.hostName(), started);
            resumePaces(started);
            metrics.started();
            Ending ending = new Ending(id, mode, started, new RunTally(metrics, id));
            lock.onAbruptExit(ending::abrupt);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon(true).name("run-timer").factory());
            timer.scheduleAtFixedRate(() -> saveCounters(id, ending.tally), COUNTERS_EVERY.toSeconds(),
                    COUNTERS_EVERY.toSeconds(), TimeUnit.SECONDS);
            maxDuration.ifPresent(limit -> timer.schedule(
                    () -> stop.request(StopSignal.Reason.DEADLINE), limit.toMillis(), TimeUnit.MILLISECONDS));
            RuntimeException failure = null;
            try {
                steps.accept(ending.tally, started);
            } catch (RuntimeException e) {
                failure = e;
                log.debug("Run {} failed", id, e);
            } catch (Error e) {
                // out of memory, say: still recorded, and the lock released on the way out
                ending.fatal(e);
                throw e;
            } finally {
                timer.shutdownNow();
                // a save still writing must not land after the final counters
                awaitQuietly(timer);
            }
            RunReport report = ending.normal(maxFailures, failure);
            if (stop.interrupted()) {
                return report;
            }
            report = report.withNote(lastStep());
            // a signal during the last step: the run had finished, but the exit code says it was interrupted
            return stop.interrupted() && report.failure().isEmpty()
                    ? new RunReport(report.summary(), Optional.of(new RunFailure.Interrupted(stop.reason())),
                            report.note())
                    : report;
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

    private void saveCounters(long id, RunTally tally) {
        try {
            db.runs().updateCounters(id, tally.snapshot(http.stats().values()));
            db.paces().save(http.toRemember(clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Could not record the run's progress: {}", e.getMessage());
        }
    }

    /** How one run is recorded at its end, exactly once: by the run itself, or by the shutdown hook. */
    private final class Ending {
        private final long id;
        private final String mode;
        private final Instant started;
        private final RunTally tally;
        private final AtomicBoolean recorded = new AtomicBoolean();

        Ending(long id, String mode, Instant started, RunTally tally) {
            this.id = id;
            this.mode = mode;
            this.started = started;
            this.tally = tally;
        }

        RunReport normal(MaxFailures maxFailures, RuntimeException failure) {
            RuntimeException outcome = failure;
            Optional<SourceTally> overBudget = tally.overBudget(maxFailures);
            if (stop.interrupted()) {
                outcome = new RunFailure.Interrupted(stop.reason());
            } else if (failure == null && overBudget.isPresent()) {
                SourceTally source = overBudget.get();
                outcome = new RunFailure.TooManyFailures(
                        source.name().equals(RunTally.DETAILS) ? "" : source.name() + ": ", source.failures(),
                        maxFailures.allowed(source.processed()), mode.equals("prices")
                        ? "the next 'prices' run tries them again" : "'collect --retry-failed' tries them again");
            }
            // too many failures still means done (exit 3): the run did its work
            RunStatus status = outcome == null || outcome instanceof RunFailure.TooManyFailures ? RunStatus.SUCCEEDED
                    : outcome instanceof RunFailure.Interrupted ? RunStatus.INTERRUPTED : RunStatus.FAILED;
            String message = outcome != null ? outcome.getMessage()
                    : stop.reason() == StopSignal.Reason.DEADLINE ? "stopped at --max-duration; the rest is due next run"
                    : null;
            RunSummary summary = summary(status, message);
            if (recorded.compareAndSet(false, true)) {
                // exit 3 is recorded as succeeded (the run did its work) but is no success for the metrics
                Optional<RuntimeException> unrecorded = record(summary,
                        outcome instanceof RunFailure.TooManyFailures ? TaskOutcome.TOO_MANY_FAILURES
                                : TaskOutcome.of(status));
                if (outcome == null && unrecorded.isPresent()) {
                    outcome = unrecorded.get();
                }
            }
            return new RunReport(summary, Optional.ofNullable(outcome), Optional.empty());
        }

        /** The process is ending before the run did: what was committed is recorded, the rest is lost. */
        void abrupt() {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            String message = stop.interrupted()
                    ? "interrupted by " + stop.reason() + " twice: stopped at once; finished work is saved, "
                            + "the batch in progress is not; run again to continue"
                    : "the process ended before the run finished; finished work is saved, run again to continue";
            RunSummary summary = summary(RunStatus.INTERRUPTED, message);
            record(summary, TaskOutcome.of(RunStatus.INTERRUPTED));
            abruptSummary.accept(summary);
        }

        void fatal(Error error) {
            if (recorded.compareAndSet(false, true)) {
                record(summary(RunStatus.FAILED, "the run failed: " + error), TaskOutcome.of(RunStatus.FAILED));
            }
        }

        private RunSummary summary(RunStatus status, String message) {
            RunCounters counters = tally.snapshot(http.stats().values());
            Duration took = Duration.between(started, clock.instant()).truncatedTo(ChronoUnit.MILLIS);
            return new RunSummary(id, mode, status, took, counters, tally.appList(), tally.otherSources(),
                    tally.pages(), http.stats(), http.paces(clock.instant()), message, tally.notes());
        }

        private Optional<RuntimeException> record(RunSummary summary, TaskOutcome outcome) {
            metrics.finished(outcome);
            rememberPaces(clock.instant());
            try {
                db.runs().finish(id, summary.status(), summary.counters(), summary.message(), clock.instant());
                return Optional.empty();
            } catch (RuntimeException e) {
                log.warn("Could not record the end of run #{}: {}", id, e.getMessage());
                return Optional.of(e);
            }
        }
    }

    /** Each endpoint starts at the pace the last run left it at, recovered toward its limit since. */
    private void resumePaces(Instant now) {
        try {
            http.resume(db.paces().findAll(), now);
        } catch (RuntimeException e) {
            log.warn("Could not read the endpoints' remembered paces; starting at the configured limits: {}",
                    e.getMessage());
        }
    }

    private void rememberPaces(Instant now) {
        try {
            db.paces().save(http.toRemember(now));
        } catch (RuntimeException e) {
            log.warn("Could not remember the endpoints' paces for the next run: {}", e.getMessage());
        }
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
