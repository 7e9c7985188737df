package dev.steamcollector.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failure as one line on stderr (the stack trace too under {@code -v}), secrets hidden,
 * and returns the exit code {@link ExitCodes} assigns to it.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final RootCommand root;

    ErrorReporter(RootCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        return report(describe(failure), failure, command);
    }

    /** An error of the JVM (out of memory, a stack overflow), named by its kind: its message alone may be cryptic. */
    int handleError(Error error, CommandLine command) {
        String message = error.getMessage();
        return report(error.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip()), error,
                command);
    }

    private int report(String line, Throwable failure, CommandLine command) {
        PrintWriter err = command.getErr();
        err.println(Redaction.apply("steam-collector: " + line));
        if (root.verbose()) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            err.print(Redaction.apply(trace.toString()));
        }
        err.flush();
        return command.getExitCodeExceptionMapper().getExitCode(failure);
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(Redaction.apply("steam-collector: " + failure.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(failure, err)) {
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = failure.getCause();
            return cause != null ? describe(cause) : failure.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message).strip();
    }
}
