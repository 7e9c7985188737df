package dev.steamcollector.pipeline;

import dev.steamcollector.model.LockHolder;
import dev.steamcollector.persistence.DatabaseException;
import dev.steamcollector.persistence.LockRepository;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The database-wide lock of {@code collect} and {@code prices}: one run at a time. The holder
 * heartbeats; a lock whose heartbeat is older than two minutes, or whose process is gone from
 * this host (a {@code kill -9}), is taken over by the next run.
 */
public final class RunLock implements AutoCloseable {

    static final String NAME = "collector";
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final LockRepository locks;
    private final long pid;

    private RunLock(LockRepository locks, long pid) {
        this.locks = locks;
        this.pid = pid;
    }

    /** Takes the lock or throws {@link RunFailure.LockHeld} naming the holder. */
    public static RunLock acquire(LockRepository locks, String mode, Clock clock) {
        long pid = ProcessHandle.current().pid();
        Instant now = clock.instant();
        LockHolder me = new LockHolder(pid, hostName(), mode, now, now);
        Optional<LockHolder> holder = tryAcquire(locks, me, now);
        if (holder.isPresent()) {
            throw new RunFailure.LockHeld(holder.get());
        }
        return new RunLock(locks, pid);
    }

    /** Two runs starting at the same moment may collide on the lock row; the loser looks again and sees the winner. */
    private static Optional<LockHolder> tryAcquire(LockRepository locks, LockHolder me, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return locks.tryAcquire(NAME, me, now.minus(STALE_AFTER),
                        other -> ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false));
            } catch (DatabaseException collided) {
                if (attempt == 3) {
                    throw collided;
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    public void heartbeat(Instant now) {
        locks.heartbeat(NAME, pid, now);
    }

    @Override
    public void close() {
        locks.release(NAME, pid);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
