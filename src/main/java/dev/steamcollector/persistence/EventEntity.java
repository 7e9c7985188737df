package dev.steamcollector.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code events}, the outbox of change events: written natively by {@link Outbox} in
 * the transaction of the change it describes, relayed to Kafka in {@code seq} order, pruned once
 * sent for a week.
 */
@Entity
@Table(name = "events")
class EventEntity {

    @Id
    @Column(name = "seq")
    long sequence;

    @Column(name = "event_id")
    String eventId;

    @Column(name = "app_id")
    int appId;

    String type;

    /** The event as the broker gets it, JSON text. */
    String payload;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "sent_at")
    Instant sentAt;
}
