package dev.steamcollector.persistence;

import dev.steamcollector.model.LockHolder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code run_locks} table: at most one run holds the database. A holder that stopped
 * heartbeating, or whose process is gone from this host, loses the lock to the next run.
 */
public final class LockRepository {

    private final Database database;

    LockRepository(Database database) {
        this.database = database;
    }

    /**
     * Takes the lock for {@code me}, or returns the live holder. {@code staleBefore}: a heartbeat
     * older than this is a dead holder's; {@code alive} says whether a pid on this host still runs.
     */
    public Optional<LockHolder> tryAcquire(String name, LockHolder me, Instant staleBefore, Predicate<Long> alive) {
        // a run that starts can always record its end
        database.requireRoom();
        return database.query(connection -> {
            Optional<LockHolder> holder = find(connection, name);
            if (holder.isPresent() && isLive(holder.get(), me.host(), staleBefore, alive)) {
                return holder;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM run_locks WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO run_locks (name, pid, host, mode, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setLong(2, me.pid());
                insert.setString(3, me.host());
                insert.setString(4, me.mode());
                Parameters.setInstant(insert, 5, me.startedAt());
                Parameters.setInstant(insert, 6, me.startedAt());
                insert.executeUpdate();
            }
            return Optional.<LockHolder>empty();
        });
    }

    private static boolean isLive(LockHolder holder, String myHost, Instant staleBefore, Predicate<Long> alive) {
        if (holder.heartbeatAt().isBefore(staleBefore)) {
            return false;
        }
        return !holder.host().equals(myHost) || alive.test(holder.pid());
    }

    /** Shows the holder is still alive; false when the lock is no longer this pid's. */
    public boolean heartbeat(String name, long pid, Instant now) {
        return database.query(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE run_locks SET heartbeat_at = ? WHERE name = ? AND pid = ?")) {
                Parameters.setInstant(update, 1, now);
                update.setString(2, name);
                update.setLong(3, pid);
                return update.executeUpdate() > 0;
            }
        });
    }

    /** Gives the lock up, if this pid holds it. */
    public void release(String name, long pid) {
        database.execute(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM run_locks WHERE name = ? AND pid = ?")) {
                delete.setString(1, name);
                delete.setLong(2, pid);
                delete.executeUpdate();
            }
        });
    }

    private static Optional<LockHolder> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pid, host, mode, started_at, heartbeat_at FROM run_locks WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockHolder(row.getLong(1), row.getString(2), row.getString(3),
                        Parameters.getInstant(row, 4), Parameters.getInstant(row, 5)));
            }
        }
    }
}
