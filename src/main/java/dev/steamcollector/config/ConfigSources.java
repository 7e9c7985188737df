package dev.steamcollector.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layers a setting is looked up in, first match wins: command-line option, environment
 * variable, {@code .env} file, then the built-in default. Blank values count as unset.
 */
public final class ConfigSources {

    private final List<Map<String, String>> layers;

    private ConfigSources(List<Map<String, String>> layers) {
        this.layers = layers;
    }

    /**
     * Builds the layers; {@code envFile} is the {@code --env-file} option, or empty for the optional
     * {@code .env} in {@code workingDirectory}.
     */
    public static ConfigSources of(Map<String, String> options, Map<String, String> environment,
            Optional<Path> envFile, Path workingDirectory) {
        return new ConfigSources(List.of(Map.copyOf(options), Map.copyOf(environment),
                readEnvFile(envFile, workingDirectory)));
    }

    public Optional<String> lookup(String variable) {
        for (Map<String, String> layer : layers) {
            String value = layer.get(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    /** Shell-style single quotes, which the .env reader keeps, are not part of the value. */
    private static String unquote(String value) {
        String trimmed = value.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return value;
    }

    private static Map<String, String> readEnvFile(Optional<Path> explicit, Path workingDirectory) {
        Path file = explicit.map(workingDirectory::resolve).orElse(workingDirectory.resolve(".env"));
        if (explicit.isPresent() && !Files.isRegularFile(file)) {
            throw new ConfigException("--env-file", "'" + explicit.get() + "' is not a readable file");
        }
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Dotenv dotenv = Dotenv.configure()
                    .directory(file.toAbsolutePath().getParent().toString())
                    .filename(file.getFileName().toString())
                    .load();
            Map<String, String> values = new HashMap<>();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                values.put(entry.getKey(), unquote(entry.getValue()));
            }
            return values;
        } catch (DotenvException e) {
            // the library's message quotes the malformed line, which may hold a secret: never show it
            throw new ConfigException(explicit.isPresent() ? "--env-file" : ".env",
                    "cannot read '" + file + "': a line is not NAME=value or has unmatched quotes");
        }
    }
}
