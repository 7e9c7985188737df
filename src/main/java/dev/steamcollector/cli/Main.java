package dev.steamcollector.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: builds the command line, runs it, exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Environment.ofSystem(), new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                args));
    }

    /** Runs the program as {@code main} does, without exiting; for tests and embedding. */
    public static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(environment, out, err).execute(args);
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
