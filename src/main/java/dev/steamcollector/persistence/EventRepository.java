package dev.steamcollector.persistence;

import dev.steamcollector.model.EventBacklog;
import dev.steamcollector.model.QueuedEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code events} outbox as the relay sees it: what waits, in order, and what was delivered. */
public final class EventRepository {

    /** Sequences a statement marks sent at most. */
    private static final int CHUNK = 500;

    private final Database database;

    EventRepository(Database database) {
        this.database = database;
    }

    /** Events not yet acknowledged by the broker, oldest first, at most {@code limit}. */
    public List<QueuedEvent> findUnsent(int limit) {
        return database.inTransaction(session -> session
                .createSelectionQuery("from EventEntity where sentAt is null order by sequence", EventEntity.class)
                .setMaxResults(limit)
                .getResultList().stream()
                .map(event -> new QueuedEvent(event.sequence, event.appId, event.payload))
                .toList());
    }

    /** Marks events the broker acknowledged. */
    public void markSent(List<Long> sequences, Instant at) {
        if (sequences.isEmpty()) {
            return;
        }
        database.inTransaction(session -> {
            for (int from = 0; from < sequences.size(); from += CHUNK) {
                session.createMutationQuery(
                                "update EventEntity set sentAt = :at where sequence in :sequences and sentAt is null")
                        .setParameter("at", at)
                        .setParameterList("sequences", sequences.subList(from, Math.min(sequences.size(), from + CHUNK)))
                        .executeUpdate();
            }
            return null;
        });
    }

    /** Deletes events delivered before {@code cutoff}; returns how many. */
    public int pruneSentBefore(Instant cutoff) {
        return database.inTransaction(session -> session
                .createMutationQuery("delete from EventEntity where sentAt is not null and sentAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    /**
     * What waits for the broker: how many events, and when the oldest was written. Plain JDBC, as
     * {@code status} reads it without starting Hibernate.
     */
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
