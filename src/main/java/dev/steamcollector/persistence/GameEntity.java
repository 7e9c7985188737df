package dev.steamcollector.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code games}. */
@Entity
@Table(name = "games")
class GameEntity {

    @Id
    @Column(name = "app_id")
    int appId;

    @Column(name = "name")
    String name;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "is_active", nullable = false)
    boolean active;
}
