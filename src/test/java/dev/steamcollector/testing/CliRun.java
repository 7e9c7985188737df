package dev.steamcollector.testing;

import dev.steamcollector.cli.Environment;
import dev.steamcollector.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** The outcome of running the command line in-process, with stdout and stderr captured. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Path workingDirectory, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new Environment(environment, workingDirectory), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
