package dev.steamcollector.persistence;

import dev.steamcollector.model.EventBacklog;
import dev.steamcollector.model.QueuedEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code events} outbox as the relay sees it: what waits, in order, and what was delivered. */
public final class EventRepository {

    private final Database database;

    EventRepository(Database database) {
        this.database = database;
    }

    /** Events not yet acknowledged by the broker, oldest first, at most {@code limit}. */
    public List<QueuedEvent> findUnsent(int limit) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT seq, app_id, payload FROM events WHERE sent_at IS NULL ORDER BY seq LIMIT ?")) {
                query.setInt(1, limit);
                List<QueuedEvent> queued = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        queued.add(new QueuedEvent(rows.getLong(1), rows.getInt(2), rows.getString(3)));
                    }
                }
                return queued;
            }
        });
    }

    /** Marks events the broker acknowledged. */
    public void markSent(List<Long> sequences, Instant at) {
        if (sequences.isEmpty()) {
            return;
        }
        database.execute(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE events SET sent_at = ? WHERE seq = ? AND sent_at IS NULL")) {
                for (long sequence : sequences) {
                    Parameters.setInstant(update, 1, at);
                    update.setLong(2, sequence);
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
    }

    /** Deletes events delivered before {@code cutoff}; returns how many. */
    public int pruneSentBefore(Instant cutoff) {
        return database.query(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM events WHERE sent_at IS NOT NULL AND sent_at < ?")) {
                Parameters.setInstant(delete, 1, cutoff);
                return delete.executeUpdate();
            }
        });
    }


    /** What waits for the broker: how many events, and when the oldest was written. */
    public EventBacklog backlog() {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*), MIN(created_at) FROM events WHERE sent_at IS NULL");
                    ResultSet row = query.executeQuery()) {
                row.next();
                return new EventBacklog(row.getLong(1), Optional.ofNullable(Parameters.getInstant(row, 2)));
            }
        });
    }
}
