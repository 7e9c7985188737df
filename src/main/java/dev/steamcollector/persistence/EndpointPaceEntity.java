package dev.steamcollector.persistence;

import dev.steamcollector.model.RememberedPace;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code endpoint_pace}: the pace an endpoint was left at, and the limits it found. */
@Entity
@Table(name = "endpoint_pace")
class EndpointPaceEntity {

    @Id
    String endpoint;

    @Column(name = "pace_per_second")
    double pacePerSecond;

    @Column(name = "limit_per_second")
    double limitPerSecond;

    @Column(name = "too_fast_per_second")
    Double tooFastPerSecond;

    @Column(name = "slowed_at")
    Instant slowedAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    static EndpointPaceEntity of(RememberedPace pace) {
        EndpointPaceEntity row = new EndpointPaceEntity();
        row.endpoint = pace.endpoint();
        row.pacePerSecond = pace.perSecond();
        row.limitPerSecond = pace.limitPerSecond();
        row.tooFastPerSecond = pace.tooFastPerSecond().isPresent() ? pace.tooFastPerSecond().getAsDouble() : null;
        row.slowedAt = pace.slowedAt().orElse(null);
        row.updatedAt = pace.recordedAt();
        return row;
    }
}
