package dev.steamcollector.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point: builds the command line, runs it, exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // results are UTF-8 whatever the locale: under cron's C locale System.out would turn non-ASCII into '?'
        System.exit(run(Environment.ofSystem(), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true), args));
    }

    /** Runs the program as {@code main} does, without exiting; for tests and embedding. */
    public static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        return execute(commandLine(environment, out, err), args);
    }

    /** Executes {@code commandLine}; an {@link Error}, which picocli lets through, is reported as any failure is. */
    static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            return ((ErrorReporter) commandLine.getExecutionExceptionHandler()).handleError(e, commandLine);
        }
    }

    static CommandLine commandLine(Environment environment, PrintWriter out, PrintWriter err) {
        RootCommand root = new RootCommand(environment);
        ErrorReporter errors = new ErrorReporter(root);
        return new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(new ExitCodes())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
