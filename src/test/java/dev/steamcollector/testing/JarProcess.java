package dev.steamcollector.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged program running as a child JVM ({@code java -jar steam-collector.jar …}) in a
 * directory, with only the environment given; its stdout and stderr go to files so its pipes never
 * fill. Real signals reach it through {@code kill}.
 */
public final class JarProcess implements AutoCloseable {

    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final String JAR = System.getProperty("steamcollector.jar");
    /**
     * The JVM options the tests start the program with, as the systemd units run it (less the heap
     * size): the serial collector, and no optimizing compiler, which would spend more CPU time on a
     * short run than it saves.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Process process;
    private final Path outFile;
    private final Path errFile;

    private JarProcess(String name, Process process, Path outFile, Path errFile) {
        this.name = name;
        this.process = process;
        this.outFile = outFile;
        this.errFile = errFile;
    }

    /**
     * The command line that runs the program's jar with {@code args} on this JVM's java: {@code jvmOptions},
     * then {@link #JVM_OPTIONS} and what the program needs.
     */
    public static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvmOptions);
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", JAR));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code args} in {@code directory} with {@code environment} (and PATH, HOME), nothing inherited. */
    public static JarProcess start(Path directory, String name, Map<String, String> environment, String... args) {
        assertThat(JAR).as("system property steamcollector.jar (set by failsafe)").isNotNull();
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        List<String> command = new ArrayList<>(DefaultSignals.PREFIX);
        command.addAll(command(List.of(), args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.putAll(environment);
        try {
            return new JarProcess(name, builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + JAVA, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a real signal, e.g. {@code "HUP"} or {@code "TERM"}. */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -%s %d", signal, process.pid()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits at most {@code timeout} for the exit code; fails, with the child's stderr, if it keeps running. */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            fail("%s still running after %s:%n%s", name, timeout, err());
        }
        return process.exitValue();
    }

    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    /** Waits until stderr contains {@code text}; fails if the child exits or the timeout passes first. */
    public void awaitErr(String text, Duration timeout) {
        Await.until(() -> {
            if (!process.isAlive() && !err().contains(text)) {
                fail("%s exited with %d before saying '%s':%n%s", name, process.exitValue(), text, err());
            }
            return err().contains(text);
        }, timeout, () -> name + " saying '" + text + "':\n" + err());
    }

    public String out() {
        return read(outFile);
    }

    public String err() {
        return read(errFile);
    }

    /** Both streams, labelled, for assertion messages. */
    public String describe() {
        return name + " stdout:\n" + out() + "\n" + name + " stderr:\n" + err();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }
}
