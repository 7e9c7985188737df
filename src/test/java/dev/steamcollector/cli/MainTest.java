package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the command line in-process on paths that fail or finish before any database is opened. */
class MainTest {

    @TempDir
    Path workingDirectory;

    private final Map<String, String> variables = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new Environment(variables, workingDirectory), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
    }

    private List<String> errLines() {
        return err.toString().lines().filter(line -> !line.isBlank()).toList();
    }

    private void assertNoDatabaseWasCreated() throws IOException {
        try (var files = Files.list(workingDirectory)) {
            assertThat(files).as("files in the working directory").isEmpty();
        }
    }

    @Nested
    class HelpAndVersion {

        @Test
        void helpListsTheCommandsAndExitsZero() {
            int code = run("--help");

            assertThat(code).isZero();
            assertThat(out.toString()).contains("Usage: steam-collector").contains("migrate").contains("status")
                    .contains("--env-file").contains("--database-url").contains("Exit codes:");
            assertThat(err.toString()).isEmpty();
        }

        @ParameterizedTest(name = "{0} --help")
        @ValueSource(strings = {"migrate", "status", "collect", "prices", "export", "completion"})
        void eachCommandHasHelp(String command) throws IOException {
            int code = run(command, "--help");

            assertThat(code).isZero();
            assertThat(out.toString()).contains("Usage: steam-collector " + command);
            assertNoDatabaseWasCreated();
        }

        @Test
        void helpSummarisesEachCommandInAWholeSentence() {
            run("--help");

            String help = out.toString();
            List<String> summaries = new ArrayList<>();
            for (String line : help.substring(help.indexOf("Commands:"), help.indexOf("Exit codes:")).lines().toList()) {
                if (line.matches(" {2}[a-z]+ .*")) {
                    summaries.add(line.strip().replaceFirst("^[a-z]+ +", ""));
                } else if (line.startsWith("    ")) {
                    // a summary wrapped onto the next line
                    summaries.set(summaries.size() - 1, summaries.getLast() + " " + line.strip());
                }
            }
            assertThat(summaries).hasSize(7).allSatisfy(summary -> assertThat(summary).endsWith("."));
        }

        @Test
        void completionPrintsABashScriptForEveryCommand() throws IOException {
            int code = run("completion", "bash");

            assertThat(code).isZero();
            assertThat(out.toString()).startsWith("#!/usr/bin/env bash").contains("complete -F")
                    .contains("collect").contains("prices").contains("export").contains("--max-duration");
            assertNoDatabaseWasCreated();
        }

        @Test
        void versionPrintsTheProgramNameAndExitsZero() {
            int code = run("--version");

            assertThat(code).isZero();
            assertThat(out.toString()).startsWith("steam-collector ").contains("Java ");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Nested
    class UsageErrors {

        @Test
        void unknownOptionExitsTwoWithAShortMessage() {
            int code = run("--bogus");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).first().asString().isEqualTo("steam-collector: Unknown option: '--bogus'");
            assertThat(errLines()).hasSizeLessThanOrEqualTo(2).noneMatch(line -> line.startsWith("Usage:"));
            assertThat(err.toString()).doesNotContain("\tat ");
            assertThat(out.toString()).isEmpty();
        }

        @Test
        void unknownCommandExitsTwo() {
            int code = run("frobnicate");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).first().asString().startsWith("steam-collector: ").contains("frobnicate");
        }

        @Test
        void badNumberForAnOptionExitsTwo() throws IOException {
            int code = run("status", "--runs", "many");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).first().asString().startsWith("steam-collector: ").contains("--runs");
            assertNoDatabaseWasCreated();
        }
    }

    @Nested
    class ConfigurationErrors {

        @Test
        void aBadSweepPeriodOptionNamesItsVariableAndTouchesNoDatabase() throws IOException {
            int code = run("prices", "--sweep-period", "weekly");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).singleElement().asString()
                    .startsWith("steam-collector: PRICE_SWEEP_PERIOD: 'weekly' is not a duration");
            assertNoDatabaseWasCreated();
        }

        @Test
        void badDatabaseUrlOptionIsOneLineAndExitsTwo() throws IOException {
            int code = run("--database-url", "foo://x", "status");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).singleElement().asString().startsWith("steam-collector: DATABASE_URL: ");
            assertThat(err.toString()).doesNotContain("\tat ");
            assertThat(out.toString()).isEmpty();
            assertNoDatabaseWasCreated();
        }

        @Test
        void databaseUrlOptionAfterTheCommandWorksToo() {
            variables.put("STEAMSPY_API_LIMIT", "10/fortnight");

            int code = run("status", "--database-url", "foo://x");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).singleElement().asString().startsWith("steam-collector: DATABASE_URL: ");
        }

        @Test
        void databaseUrlOptionBeatsTheEnvironment() {
            variables.put("DATABASE_URL", "sqlite:///fine.db");

            int code = run("--database-url", "postgresql://u:s3cr3tPW@nohost", "migrate");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).singleElement().asString().startsWith("steam-collector: DATABASE_URL: ")
                    .doesNotContain("s3cr3tPW");
        }

        @Test
        void badRateLimitInTheEnvironmentNamesTheVariable() throws IOException {
            variables.put("STEAMSPY_API_LIMIT", "10/fortnight");

            int code = run("migrate");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).singleElement().asString().startsWith("steam-collector: STEAMSPY_API_LIMIT: ");
            assertNoDatabaseWasCreated();
        }

        @Test
        void badValueInTheDotEnvFileNamesTheVariable() throws IOException {
            Files.writeString(workingDirectory.resolve(".env"), "MAX_WORKERS=0\n");

            int code = run("migrate");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).singleElement().asString().startsWith("steam-collector: MAX_WORKERS: ");
        }

        @Test
        void missingEnvFileNamesTheOption() throws IOException {
            int code = run("--env-file", "missing.env", "status");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).singleElement().asString().startsWith("steam-collector: --env-file: ")
                    .contains("missing.env");
            assertNoDatabaseWasCreated();
        }

        @Test
        void envFileOptionIsReadInsteadOfDotEnv() throws IOException {
            Files.writeString(workingDirectory.resolve(".env"), "LOG_LEVEL=INFO\n");
            Files.writeString(workingDirectory.resolve("bad.env"), "LOG_LEVEL=LOUD\n");

            int code = run("migrate", "--env-file", "bad.env");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(errLines()).singleElement().asString().startsWith("steam-collector: LOG_LEVEL: ");
        }

        @Test
        void apiKeyNeverAppearsOnError() {
            variables.put("STEAM_API_KEY", "K3yS3cr3tValue0123!");

            int code = run("-v", "migrate");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("STEAM_API_KEY").doesNotContain("K3yS3cr3tValue0123");
        }
    }

    @Nested
    class Verbose {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"-v migrate", "migrate -v", "--verbose migrate", "migrate --verbose"})
        void verbosePrintsTheStackTrace(String args) {
            variables.put("STEAMSPY_API_LIMIT", "10/fortnight");

            int code = run(args.split(" "));

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).startsWith("steam-collector: STEAMSPY_API_LIMIT: ")
                    .contains("dev.steamcollector.config.ConfigException")
                    .contains("\tat ");
        }

        @Test
        void quietDoesNotPrintTheStackTrace() {
            variables.put("STEAMSPY_API_LIMIT", "10/fortnight");

            int code = run("-q", "migrate");

            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).doesNotContain("\tat ");
        }
    }

    /** A command that overflows its stack, as a fetch deep in a run might. */
    @Command(name = "overflow")
    static final class Overflowing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    @Nested
    class ErrorsOfTheJvm {

        private int runOverflowing(String... args) {
            CommandLine commandLine = Main.commandLine(new Environment(variables, workingDirectory),
                    new PrintWriter(out, true), new PrintWriter(err, true));
            commandLine.addSubcommand(new Overflowing());
            return Main.execute(commandLine, args);
        }

        @Test
        void anErrorExitsOneWithOneLineNamingIt() {
            int code = runOverflowing("overflow");

            assertThat(code).isEqualTo(ExitCodes.FAILED);
            assertThat(errLines()).containsExactly("steam-collector: StackOverflowError");
        }

        @Test
        void verboseAddsItsStackTrace() {
            int code = runOverflowing("-v", "overflow");

            assertThat(code).isEqualTo(ExitCodes.FAILED);
            assertThat(errLines().getFirst()).isEqualTo("steam-collector: StackOverflowError");
            assertThat(err.toString()).contains("at dev.steamcollector.cli.MainTest$Overflowing.call");
        }
    }
}
