package dev.steamcollector.pipeline;

import dev.steamcollector.model.LockHolder;
import dev.steamcollector.persistence.DatabaseException;
import dev.steamcollector.persistence.LockRepository;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database-wide lock of {@code collect}, {@code prices} and {@code notify}: one at a time. The
 * holder refreshes it on a timer of its own, four times per {@code timeout}, whatever the run is
 * waiting on; a lock not refreshed for {@code timeout}, or whose process is gone from this host
 * (a {@code kill -9}), is taken over by the next run. A process that ends without closing the lock
 * (a second signal, {@code System.exit}, an error) still releases it from a shutdown hook.
 */
public final class RunLock implements AutoCloseable {

    static final String NAME = "collector";
    /** How long a lock lives without a heartbeat, unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** The most the shutdown hook spends: a process asked to quit at once must not hang on the database. */
    private static final Duration HOOK_LIMIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private final LockRepository locks;
    private final long pid;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("run-lock-heartbeat").factory());
    private final Thread hook = new Thread(this::onShutdown, "run-lock-release");
    private final List<Runnable> abruptExitSteps = new CopyOnWriteArrayList<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private final CountDownLatch releaseDone = new CountDownLatch(1);

    private RunLock(LockRepository locks, long pid) {
        this.locks = locks;
        this.pid = pid;
    }

    /** Takes the lock or throws {@link RunFailure.LockHeld} naming the holder. */
    public static RunLock acquire(LockRepository locks, String mode, Clock clock, Duration timeout) {
        long pid = ProcessHandle.current().pid();
        Instant now = clock.instant();
        LockHolder me = new LockHolder(pid, hostName(), mode, now, now);
        Optional<LockHolder> holder = tryAcquire(locks, me, now.minus(timeout));
        if (holder.isPresent()) {
            throw new RunFailure.LockHeld(holder.get());
        }
        RunLock lock = new RunLock(locks, pid);
        Runtime.getRuntime().addShutdownHook(lock.hook);
        long every = Math.max(50, timeout.toMillis() / 4);
        lock.heartbeat.scheduleWithFixedDelay(() -> lock.beat(clock), every, every, TimeUnit.MILLISECONDS);
        return lock;
    }

    /** Two runs starting at the same moment may collide on the lock row; the loser looks again and sees the winner. */
    private static Optional<LockHolder> tryAcquire(LockRepository locks, LockHolder me, Instant staleBefore) {
        for (int attempt = 1; ; attempt++) {
            try {
                return locks.tryAcquire(NAME, me, staleBefore,
                        other -> ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false));
            } catch (DatabaseException collided) {
                if (attempt == 3 || collided.reason() != DatabaseException.Reason.FAILED) {
                    throw collided;
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    private void beat(Clock clock) {
        try {
            if (!locks.heartbeat(NAME, pid, clock.instant()) && !released.get()) {
                log.error("The run lock is no longer this process's: another run took it over");
            }
        } catch (RuntimeException e) {
            log.warn("Could not refresh the run lock: {}", e.getMessage());
            log.debug("Refreshing the run lock failed", e);
        }
    }

    /**
     * Adds a step for the shutdown hook to run before it releases the lock, should the process end
     * without {@link #close()} (such as recording the run as interrupted).
     */
    public void onAbruptExit(Runnable step) {
        abruptExitSteps.add(step);
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it finds the lock released
        }
    }

    /** Releases the lock once; a second caller waits (boundedly) for the first to finish. */
    private void release() {
        if (!released.compareAndSet(false, true)) {
            awaitQuietly(releaseDone);
            return;
        }
        heartbeat.shutdownNow();
        try {
            locks.release(NAME, pid);
        } catch (RuntimeException e) {
            log.warn("Could not release the run lock ({}); the next run takes it over once this process is gone",
                    e.getMessage());
            log.debug("Releasing the run lock failed", e);
        } finally {
            releaseDone.countDown();
        }
    }

    private void onShutdown() {
        Thread cleanup = Thread.ofPlatform().daemon(true).name("run-lock-cleanup").start(() -> {
            if (!released.get()) {
                for (Runnable step : abruptExitSteps) {
                    try {
                        step.run();
                    } catch (RuntimeException e) {
                        log.warn("While ending: {}", e.getMessage());
                        log.debug("A step while ending failed", e);
                    }
                }
            }
            release();
        });
        try {
            cleanup.join(HOOK_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(HOOK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
