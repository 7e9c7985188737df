package dev.steamcollector.bench;

import dev.steamcollector.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@code collect} in a JVM of its own, in a working directory of its own, so its memory is not the
 * fakes': its resident set is read from {@code /proc/<pid>/status} while it runs.
 */
final class CollectChild {

    private static final long POLL_MILLIS = 100;

    private final Path directory;
    private final String heap;
    private final Map<String, String> environment;
    private String options = "";

    /** What one run did: exit code, wall time, peak RSS overall and when each mark first held, by mark. */
    record Result(int exit, long wallNanos, OptionalLong peakRss, Map<String, OptionalLong> peakRssAt, List<String> log) {
    }

    CollectChild(Path directory, String heap, Map<String, String> environment) {
        this.directory = directory;
        this.heap = heap;
        this.environment = environment;
    }

    /** The child's JVM options besides the heap (a {@code bench.child.opts} system property overrides them). */
    CollectChild withOptions(String jvmOptions) {
        this.options = jvmOptions;
        return this;
    }

    /**
     * Runs {@code collect args}, noting the peak RSS so far when each of {@code marks} first holds (read
     * every {@value #POLL_MILLIS} ms); the exit code is -1 when the child was killed at the timeout.
     */
    Result run(List<String> args, long timeoutSeconds, Map<String, BooleanSupplier> marks)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED"));
        // e.g. -Dbench.child.opts="-Xlog:gc:file=gc.log" in BENCHMARK_JAVA_OPTS, to look into the child
        String extra = System.getProperty("bench.child.opts", options).strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classPath(), Main.class.getName(), "collect"));
        command.addAll(args);
        Path log = directory.resolve("child-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STEAM") || name.startsWith("STORE")
                || name.equals("DATABASE_URL") || name.equals("MAX_WORKERS"));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process child = builder.start();
        Path status = Path.of("/proc", Long.toString(child.pid()), "status");
        OptionalLong peak = OptionalLong.empty();
        Map<String, OptionalLong> peakAt = new LinkedHashMap<>();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            OptionalLong now = highWaterMark(status);
            peak = now.isPresent() ? now : peak;
            for (Map.Entry<String, BooleanSupplier> mark : marks.entrySet()) {
                if (!peakAt.containsKey(mark.getKey()) && mark.getValue().getAsBoolean()) {
                    peakAt.put(mark.getKey(), peak);
                }
            }
        }
        long wall = System.nanoTime() - start;
        int exit = -1;
        if (child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } else {
            exit = child.exitValue();
        }
        return new Result(exit, wall, peak, peakAt, Files.readAllLines(log));
    }

    /** VmHWM of a live process in bytes; empty once it is gone or off Linux. */
    private static OptionalLong highWaterMark(Path status) {
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst();
        } catch (IOException | RuntimeException gone) {
            return OptionalLong.empty();
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The benchmark's class path (or {@code -Dbench.child.classpath}, e.g. the runtime scope only) made
     * absolute: the child works in a directory of its own.
     */
    private static String classPath() {
        return Arrays.stream(System.getProperty("bench.child.classpath", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
