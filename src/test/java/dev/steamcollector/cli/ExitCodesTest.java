package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.config.ConfigException;
import dev.steamcollector.persistence.DatabaseException;
import dev.steamcollector.persistence.DatabaseException.Reason;
import dev.steamcollector.pipeline.RunFailure;
import dev.steamcollector.pipeline.StopSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

class ExitCodesTest {

    private final ExitCodes exitCodes = new ExitCodes();

    @Test
    void configurationErrorIsUsage() {
        assertThat(exitCodes.getExitCode(new ConfigException("MAX_WORKERS", "bad"))).isEqualTo(2);
    }

    @Test
    void parameterErrorIsUsage() {
        CommandLine commandLine = new CommandLine(CommandSpec.create());

        assertThat(exitCodes.getExitCode(new ParameterException(commandLine, "bad option"))).isEqualTo(2);
        assertThat(exitCodes.getExitCode(new CommandLine.UnmatchedArgumentException(commandLine, "--bogus")))
                .isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} exits {1}")
    @CsvSource({"UNAVAILABLE,75", "MISCONFIGURED,2", "FAILED,1"})
    void databaseErrorExitsByItsReason(Reason reason, int code) {
        assertThat(exitCodes.getExitCode(new DatabaseException("database", reason, null))).isEqualTo(code);
    }

    @Test
    void everyDatabaseReasonHasAnExitCode() {
        for (Reason reason : Reason.values()) {
            assertThat(exitCodes.getExitCode(new DatabaseException("x", reason, null))).as(reason.name())
                    .isIn(ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.TEMPORARILY_UNABLE);
        }
    }

    @Test
    void anyOtherFailureExitsOne() {
        assertThat(exitCodes.getExitCode(new RuntimeException("boom"))).isEqualTo(1);
        assertThat(exitCodes.getExitCode(new IllegalStateException())).isEqualTo(1);
        assertThat(exitCodes.getExitCode(new UncheckedIOException(new IOException("disk")))).isEqualTo(1);
        assertThat(exitCodes.getExitCode(new Exception("checked"))).isEqualTo(1);
    }

    @Test
    void anErrorOfTheJvmExitsOne() {
        assertThat(exitCodes.getExitCode(new StackOverflowError())).isEqualTo(1);
        assertThat(exitCodes.getExitCode(new OutOfMemoryError("Java heap space"))).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} exits {1}")
    @CsvSource({"SIGHUP,129", "SIGINT,130", "SIGTERM,143"})
    void anInterruptedRunExits128PlusTheSignal(StopSignal.Reason signal, int code) {
        assertThat(exitCodes.getExitCode(new RunFailure.Interrupted(signal))).isEqualTo(code);
    }

    @Test
    void constantsAreThoseOfTheSpec() {
        assertThat(ExitCodes.DONE).isZero();
        assertThat(ExitCodes.FAILED).isEqualTo(1);
        assertThat(ExitCodes.USAGE).isEqualTo(2);
        assertThat(ExitCodes.TOO_MANY_FAILURES).isEqualTo(3);
        assertThat(ExitCodes.TEMPORARILY_UNABLE).isEqualTo(75);
        assertThat(ExitCodes.HUNG_UP).isEqualTo(129);
        assertThat(ExitCodes.INTERRUPTED).isEqualTo(130);
        assertThat(ExitCodes.TERMINATED).isEqualTo(143);
    }
}
