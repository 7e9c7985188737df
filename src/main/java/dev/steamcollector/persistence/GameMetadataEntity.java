package dev.steamcollector.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The bookkeeping columns of {@code game_metadata} that queries select on; the data columns are
 * written and read with native SQL by {@link MetadataRepository}.
 */
@Entity
@Table(name = "game_metadata")
class GameMetadataEntity {

    @Id
    @Column(name = "app_id")
    int appId;

    @Column(name = "fetch_status", nullable = false)
    String fetchStatus;

    @Column(name = "fetch_attempts", nullable = false)
    int fetchAttempts;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "last_updated")
    Instant lastUpdated;

    @Column(name = "details_fetched_at")
    Instant detailsFetchedAt;

    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;
}
