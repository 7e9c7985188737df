package dev.steamcollector.cli;

import java.nio.file.Path;
import java.util.Map;

/** What the program is started in: its environment variables and working directory. */
public record Environment(Map<String, String> variables, Path workingDirectory) {

    public Environment {
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath();
    }

    public static Environment ofSystem() {
        return new Environment(System.getenv(), Path.of(""));
    }
}
