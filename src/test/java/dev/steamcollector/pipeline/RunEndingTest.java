package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.metrics.TaskOutcome;
import dev.steamcollector.model.RunStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision table of how a run ended: what is recorded, what the metrics are told, what decides the exit code. */
class RunEndingTest {

    @Test
    void aRunDoneSucceedsWithNothingToSay() {
        RunEnding.Verdict verdict = new RunEnding.Done(false).verdict();

        assertThat(verdict).isEqualTo(new RunEnding.Verdict(RunStatus.SUCCEEDED, TaskOutcome.SUCCEEDED, null,
                Optional.empty()));
    }

    @Test
    void aRunStoppedAtItsDeadlineSucceedsAndSaysTheRestIsDue() {
        RunEnding.Verdict verdict = new RunEnding.Done(true).verdict();

        assertThat(verdict.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(verdict.message()).contains("--max-duration");
        assertThat(verdict.failure()).isEmpty();
    }

    @Test
    void tooManyFailuresIsRecordedSucceededYetIsNoSuccessForTheMetricsNorTheExitCode() {
        RunFailure.TooManyFailures failure = new RunFailure.TooManyFailures("", 12, 10, "try again");

        RunEnding.Verdict verdict = new RunEnding.TooManyFailures(failure).verdict();

        assertThat(verdict).isEqualTo(new RunEnding.Verdict(RunStatus.SUCCEEDED, TaskOutcome.TOO_MANY_FAILURES,
                failure.getMessage(), Optional.of(failure)));
    }

    @Test
    void aSignalInterruptsTheRunAndItsExitCodeNamesTheSignal() {
        RunEnding.Verdict verdict = new RunEnding.Interrupted(StopSignal.Reason.SIGTERM).verdict();

        assertThat(verdict.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(verdict.outcome()).isEqualTo(TaskOutcome.INTERRUPTED);
        assertThat(verdict.failure()).get().isInstanceOfSatisfying(RunFailure.Interrupted.class,
                interrupted -> assertThat(interrupted.signal()).isEqualTo(StopSignal.Reason.SIGTERM));
    }

    @Test
    void aStepThatFailedFailsTheRunWithItsCause() {
        IllegalStateException cause = new IllegalStateException("database down");

        RunEnding.Verdict verdict = new RunEnding.Failed(cause).verdict();

        assertThat(verdict).isEqualTo(new RunEnding.Verdict(RunStatus.FAILED, TaskOutcome.FAILED, "database down",
                Optional.of(cause)));
    }

    @Test
    void anErrorOfTheJvmFailsTheRunNamingItAndIsThrownItself() {
        RunEnding.Verdict verdict = new RunEnding.Fatal(new OutOfMemoryError("Java heap space")).verdict();

        assertThat(verdict.status()).isEqualTo(RunStatus.FAILED);
        assertThat(verdict.outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(verdict.message()).contains("OutOfMemoryError: Java heap space");
        assertThat(verdict.failure()).isEmpty();
    }

    @Test
    void aProcessEndingBeforeItsRunIsAnInterruptedRunSayingWhy() {
        RunEnding.Verdict twice = new RunEnding.Abrupt(Optional.of(StopSignal.Reason.SIGINT)).verdict();
        RunEnding.Verdict gone = new RunEnding.Abrupt(Optional.empty()).verdict();

        assertThat(twice.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(twice.message()).startsWith("interrupted by SIGINT twice");
        assertThat(gone.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(gone.message()).startsWith("the process ended before the run finished");
    }
}
