package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/steam-collector} runs the built jar from any working directory. */
class LauncherIT {

    static final Path LAUNCHER = Path.of("scripts/steam-collector").toAbsolutePath();

    @TempDir
    Path directory;

    @Test
    void migratesTheDefaultDatabaseInTheCallersDirectory() throws Exception {
        Process process = start(List.of(LAUNCHER.toString(), "migrate"));

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("jdbc:sqlite:" + directory.toRealPath().resolve("steam_games.db"));
        assertThat(directory.resolve("steam_games.db")).exists();
    }

    @Test
    void aBadLimitExitsWithCodeTwoAndOneLine() throws Exception {
        ProcessBuilder builder = builder(List.of(LAUNCHER.toString(), "migrate"));
        builder.environment().put("STEAMSPY_ALL_LIMIT", "once/day");
        builder.redirectErrorStream(false);
        Process process = builder.start();

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(err.lines()).containsExactly("steam-collector: STEAMSPY_ALL_LIMIT: 'once/day' is not a rate limit;"
                + " write N/unit or N/Kunits, e.g. 60/minute or 200/5minutes");
    }

    private Process start(List<String> command) throws IOException {
        return builder(command).start();
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("STEAM_COLLECTOR_JAR", System.getProperty("steamcollector.jar"));
        builder.environment().keySet().removeIf(name -> name.startsWith("STEAM") && !name.equals("STEAM_COLLECTOR_JAR")
                || name.equals("DATABASE_URL"));
        return builder;
    }
}
