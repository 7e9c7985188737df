package dev.steamcollector.pipeline;

import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.metrics.TaskMetrics;
import dev.steamcollector.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every run that writes shares: the run lock, its {@link RecordedRun} row from start to end
 * (counters saved every 30 s), the {@code --max-duration} deadline, and the one decision of how it
 * ended ({@link RunEnding}), which its task's metrics are told too. A process that ends before the
 * run does (a second signal) still records it, from the lock's shutdown hook; an {@link Error}
 * records it failed and is thrown on, the lock released on the way out.
 */
public final class RunFrame {

    private static final Duration COUNTERS_EVERY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(RunFrame.class);

    private final Parts parts;

    /**
     * What a frame is made of. {@code lock} takes the run lock for a run of the mode (or hands over
     * the one taken at start-up); {@code lastStep} runs after the run is recorded but before the
     * lock is released, unless a signal stopped the run, and the line it returns goes into the
     * report; {@code abruptSummary} receives the summary when the process ends before the run does.
     */
    public record Parts(Database db, HttpGateway http, Clock clock, StopSignal stop, TaskMetrics metrics,
            Function<RunMode, RunLock> lock, Supplier<Optional<String>> lastStep, Consumer<RunSummary> abruptSummary) {
    }

    public RunFrame(Parts parts) {
        this.parts = parts;
    }

    /** Runs {@code steps} (given the tally and the start time) under the lock and records the run. */
    public RunReport run(RunMode mode, Optional<Duration> maxDuration, MaxFailures maxFailures,
            BiConsumer<RunTally, Instant> steps) {
        StopSignal stop = parts.stop();
        try (RunLock lock = parts.lock().apply(mode)) {
            RecordedRun run = RecordedRun.start(parts, mode);
            lock.onAbruptExit(() -> run.endAbruptly(new RunEnding.Abrupt(signal())).ifPresent(parts.abruptSummary()));
            RunEnding ending = runSteps(run, maxDuration, steps);
            if (ending instanceof RunEnding.Fatal fatal) {
                run.end(fatal);
                throw fatal.error();
            }
            RunReport report = run.end(ending instanceof RunEnding.Done done
                    ? budgetChecked(done, run.tally(), mode, maxFailures) : ending);
            if (stop.interrupted()) {
                return report;
            }
            report = report.withNote(lastStep());
            // a signal during the last step: the run had finished, but the exit code says it was interrupted
            return stop.interrupted() && report.failure().isEmpty()
                    ? report.withFailure(new RunFailure.Interrupted(stop.reason())) : report;
        }
    }

    /** Runs the steps with the timer of the counters and the deadline going; how they ended, but for the budget. */
    private RunEnding runSteps(RecordedRun run, Optional<Duration> maxDuration, BiConsumer<RunTally, Instant> steps) {
        StopSignal stop = parts.stop();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon(true).name("run-timer").factory());
        timer.scheduleAtFixedRate(run::saveProgress, COUNTERS_EVERY.toSeconds(), COUNTERS_EVERY.toSeconds(),
                TimeUnit.SECONDS);
        maxDuration.ifPresent(limit -> timer.schedule(
                () -> stop.request(StopSignal.Reason.DEADLINE), limit.toMillis(), TimeUnit.MILLISECONDS));
        RunEnding ending;
        try {
            steps.accept(run.tally(), run.started());
            ending = new RunEnding.Done(stop.reason() == StopSignal.Reason.DEADLINE);
        } catch (RuntimeException e) {
            log.debug("Run {} failed", run.id(), e);
            ending = new RunEnding.Failed(e);
        } catch (Error e) {
            // out of memory, say: no game's failure, the run's
            ending = new RunEnding.Fatal(e);
        } finally {
            timer.shutdownNow();
            // a save still writing must not land after the final counters
            awaitQuietly(timer);
        }
        // a signal outranks whatever the steps did after it
        return stop.interrupted() && !(ending instanceof RunEnding.Fatal)
                ? new RunEnding.Interrupted(stop.reason()) : ending;
    }

    /** A run done is still too many failures when a source failed past {@code --max-failures}. */
    private static RunEnding budgetChecked(RunEnding.Done done, RunTally tally, RunMode mode, MaxFailures budget) {
        Optional<SourceTally> over = tally.overBudget(budget);
        if (over.isEmpty()) {
            return done;
        }
        SourceTally source = over.get();
        return new RunEnding.TooManyFailures(new RunFailure.TooManyFailures(
                tally.isMain(source) ? "" : source.name() + ": ", source.failures(),
                budget.allowed(source.processed()), mode.retryHint()));
    }

    private Optional<StopSignal.Reason> signal() {
        return parts.stop().interrupted() ? Optional.of(parts.stop().reason()) : Optional.empty();
    }

    private Optional<String> lastStep() {
        try {
            return parts.lastStep().get();
        } catch (RuntimeException e) {
            log.warn("After the run: {}", e.getMessage());
            log.debug("The step after the run failed", e);
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

    /**
     * A run's summary; when it did not simply succeed, why; and a line about what was done after
     * it under the lock (notifications sent), to print after the summary.
     */
    public record RunReport(RunSummary summary, Optional<RuntimeException> failure, Optional<String> note) {

        RunReport withNote(Optional<String> line) {
            return new RunReport(summary, failure, line);
        }

        RunReport withFailure(RuntimeException cause) {
            return new RunReport(summary, Optional.of(cause), note);
        }
    }
}
