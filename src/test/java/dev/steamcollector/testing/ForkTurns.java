package dev.steamcollector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns for the JVMs that run the integration tests side by side, through a lock file they share
 * (the system property {@value #PROPERTY}, which Failsafe sets; without it, as in the unit tests,
 * this does nothing). Every test class holds the lock shared while it runs; a class or a test
 * marked {@link RunsAlone} holds it alone, so the other JVMs wait before their next class, and
 * the classes already running beside it first end. A turnstile ahead of the lock keeps the JVM waiting
 * to run alone from being passed by classes starting after it. The operating system releases the
 * locks of a JVM that dies.
 *
 * <p>A Jupiter extension that Failsafe has detected in the test JVMs only: Maven's own JVM, which
 * lists the test classes for them and may be older than the tests' Java, never loads it.
 */
public final class ForkTurns implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    public static final String PROPERTY = "steamcollector.forkTurns";
    /** Byte 0 of the file is the turnstile, byte 1 the lock a test holds while it runs. */
    private static final long TURNSTILE = 0;
    private static final long RUNNING = 1;

    private final Optional<Path> file = Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of);
    private FileChannel channel;
    private FileLock running;
    private String classHolder;
    private String testHolder;

    /** The outermost class takes the turn; its nested classes run inside it. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (file.isPresent() && classHolder == null) {
            classHolder = context.getUniqueId();
            take(alone(context.getRequiredTestClass()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (file.isPresent() && testHolder == null && running != null && running.isShared()
                && alone(context.getRequiredTestMethod())) {
            testHolder = context.getUniqueId();
            give();
            take(true);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getUniqueId().equals(testHolder)) {
            testHolder = null;
            give();
            take(false);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(classHolder)) {
            classHolder = null;
            give();
        }
    }

    private static boolean alone(AnnotatedElement element) {
        return element.isAnnotationPresent(RunsAlone.class);
    }
    /** Waits for the turnstile, then for the lock (alone or shared), then lets the next one through. */
    private void take(boolean alone) {
        try {
            // a shared lock needs the file open for reading, one held alone for writing
            channel = FileChannel.open(file.orElseThrow(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try (FileLock turnstile = channel.lock(TURNSTILE, 1, false)) {
                running = channel.lock(RUNNING, 1, !alone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a turn through " + file.orElseThrow(), e);
        }
    }

    /** Releases the lock (closing the file releases it). */
    private void give() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give the turn back through " + file.orElseThrow(), e);
        } finally {
            channel = null;
            running = null;
        }
    }
}
