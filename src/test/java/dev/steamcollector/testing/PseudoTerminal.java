package dev.steamcollector.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A command run at a real pseudo-terminal, as a person at a terminal runs it: util-linux
 * {@code script} opens the pty, makes it the command's controlling terminal and passes what is
 * typed here to it, so that a typed Ctrl-C (byte 3) becomes a SIGINT from the terminal driver.
 * Everything the command writes (stdout and stderr share the terminal) is collected.
 */
public final class PseudoTerminal implements AutoCloseable {

    public static final byte CTRL_C = 3;
    /** The terminal's size, as a window of a person's desktop: the program may read it. */
    public static final int COLUMNS = 120;
    public static final int ROWS = 40;
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    private final Process process;
    private final OutputStream keyboard;
    private final StringBuilder screen = new StringBuilder();
    private final Thread reader;

    private PseudoTerminal(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        this.reader = Thread.ofPlatform().daemon(true).name("pty-reader").start(this::read);
    }

    /** Starts {@code command} (a program and its arguments) at a new terminal, in {@code directory}. */
    public static PseudoTerminal start(List<String> command, Path directory, Map<String, String> environment) {
        if (!Files.isExecutable(SCRIPT)) {
            fail("%s is missing: install util-linux's script (Debian package bsdutils), as .ci/run does", SCRIPT);
        }
        // a new pty has no size (0x0) until told; exec: the command itself, not a shell around it, leads the
        // terminal's session and gets its signals
        String line = "stty cols " + COLUMNS + " rows " + ROWS + " && exec "
                + Stream.concat(DefaultSignals.PREFIX.stream(), command.stream())
                .map(PseudoTerminal::quote).collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "--quiet", "--flush", "--return",
                "--command", line, "/dev/null").directory(directory.toFile()).redirectErrorStream(true);
        // a clean environment, as a login's: nothing of the build's own settings leaks in
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "USER"));
        env.putAll(environment);
        try {
            return new PseudoTerminal(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + SCRIPT, e);
        }
    }

    private static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    private void read() {
        try (InputStream out = process.getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = out.read(buffer)) >= 0; ) {
                synchronized (screen) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    screen.notifyAll();
                }
            }
        } catch (IOException closed) {
            // the terminal went away with the command
        }
    }

    /** Types bytes at the terminal's keyboard. */
    public void type(byte... keys) {
        try {
            keyboard.write(keys);
            keyboard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the terminal is gone", e);
        }
    }

    /** What the terminal's window shows now, the lines that scrolled off its top included. */
    public TerminalScreen window() {
        return TerminalScreen.of(screen(), COLUMNS, ROWS);
    }

    /** All the terminal has been sent so far, escape sequences included. */
    public String screen() {
        synchronized (screen) {
            return screen.toString();
        }
    }

    /** Waits until what the terminal shows satisfies {@code condition}; fails if the command ends first. */
    public void awaitScreen(Predicate<String> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (screen) {
            while (!condition.test(screen.toString())) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    fail("the terminal never showed %s; it shows:%n%s", what, screen);
                }
                try {
                    screen.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting for %s", what);
                }
            }
        }
    }

    /** The command under the terminal (script's child), once it runs. */
    public Optional<ProcessHandle> command() {
        return process.descendants().findFirst();
    }

    /** Waits for the command's exit code, as {@code script --return} passes it on (128 + n if killed by signal n). */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("still running after %s; the terminal shows:%n%s", timeout, screen());
            }
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for the exit");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
