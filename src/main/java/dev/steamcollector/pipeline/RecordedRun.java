package dev.steamcollector.pipeline;

import dev.steamcollector.metrics.TaskOutcome;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's row in {@code collection_runs}, from its start to its end, which is recorded exactly
 * once: by the run itself, or by the lock's shutdown hook. The endpoints' paces go with it: resumed
 * at the start, saved with the counters and at the end.
 */
final class RecordedRun {

    private static final Logger log = LoggerFactory.getLogger(RecordedRun.class);

    private final RunFrame.Parts parts;
    private final long id;
    private final RunMode mode;
    private final Instant started;
    private final RunTally tally;
    private final AtomicBoolean ended = new AtomicBoolean();

    private RecordedRun(RunFrame.Parts parts, long id, RunMode mode, Instant started) {
        this.parts = parts;
        this.id = id;
        this.mode = mode;
        this.started = started;
        this.tally = new RunTally(parts.metrics(), id, mode.mainSource());
    }

    /** Closes the runs a killed process left open, records this one as running, resumes the paces. */
    static RecordedRun start(RunFrame.Parts parts, RunMode mode) {
        Instant started = parts.clock().instant();
        int abandoned = parts.db().runs().closeAbandoned(started);
        if (abandoned > 0) {
            log.warn("{} earlier run(s) ended without finishing (killed or crashed): recorded as interrupted; "
                    + "this run continues their work", abandoned);
        }
        long id = parts.db().runs().start(mode.label(), ProcessHandle.current().pid(), RunLock.hostName(), started);
        RecordedRun run = new RecordedRun(parts, id, mode, started);
        run.resumePaces();
        parts.metrics().started();
        return run;
    }

    long id() {
        return id;
    }

    Instant started() {
        return started;
    }

    RunTally tally() {
        return tally;
    }

    /** Records how the run ended, unless that is done already; returns its summary and what to throw for the exit code. */
    RunFrame.RunReport end(RunEnding ending) {
        RunEnding.Verdict verdict = ending.verdict();
        RunSummary summary = summary(verdict.status(), verdict.message());
        Optional<RuntimeException> failure = verdict.failure();
        if (ended.compareAndSet(false, true)) {
            Optional<RuntimeException> unrecorded = record(summary, verdict.outcome());
            if (failure.isEmpty()) {
                failure = unrecorded;
            }
        }
        return new RunFrame.RunReport(summary, failure, Optional.empty());
    }

    /** The process is ending before the run did: what was committed is recorded; the summary, if this recorded it. */
    Optional<RunSummary> endAbruptly(RunEnding.Abrupt ending) {
        if (!ended.compareAndSet(false, true)) {
            return Optional.empty();
        }
        RunEnding.Verdict verdict = ending.verdict();
        RunSummary summary = summary(verdict.status(), verdict.message());
        record(summary, verdict.outcome());
        return Optional.of(summary);
    }

    /** Saves the counters and paces so far: a run killed at once still shows how far it got. */
    void saveProgress() {
        try {
            parts.db().runs().updateCounters(id, tally.snapshot(parts.http().stats().values()));
            parts.db().paces().save(parts.http().toRemember(parts.clock().instant()));
        } catch (RuntimeException e) {
            log.warn("Could not record the run's progress: {}", e.getMessage());
            log.debug("Recording the run's progress failed", e);
        }
    }

    private RunSummary summary(RunStatus status, String message) {
        RunCounters counters = tally.snapshot(parts.http().stats().values());
        Instant now = parts.clock().instant();
        Duration took = Duration.between(started, now).truncatedTo(ChronoUnit.MILLIS);
        return new RunSummary(id, mode, status, took, counters, tally.appList(), tally.otherSources(), tally.pages(),
                parts.http().stats(), parts.http().paces(now), message, tally.notes());
    }

    private Optional<RuntimeException> record(RunSummary summary, TaskOutcome outcome) {
        parts.metrics().finished(outcome);
        rememberPaces();
        try {
            parts.db().runs().finish(id, summary.status(), summary.counters(), summary.message(),
                    parts.clock().instant());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("Could not record the end of run #{}: {}", id, e.getMessage());
            log.debug("Recording the end of run #{} failed", id, e);
            return Optional.of(e);
        }
    }

    /** Each endpoint starts at the pace the last run left it at, recovered toward its limit since. */
    private void resumePaces() {
        try {
            parts.http().resume(parts.db().paces().findAll(), parts.clock().instant());
        } catch (RuntimeException e) {
            log.warn("Could not read the endpoints' remembered paces; starting at the configured limits: {}",
                    e.getMessage());
            log.debug("Reading the remembered paces failed", e);
        }
    }

    private void rememberPaces() {
        try {
            parts.db().paces().save(parts.http().toRemember(parts.clock().instant()));
        } catch (RuntimeException e) {
            log.warn("Could not remember the endpoints' paces for the next run: {}", e.getMessage());
            log.debug("Remembering the paces failed", e);
        }
    }
}
