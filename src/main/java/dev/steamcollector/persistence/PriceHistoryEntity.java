package dev.steamcollector.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code price_history}: one price of one game in one currency from one source, kept
 * when it differs from the series' latest. Rows are added in JDBC batches by
 * {@link PriceRepository}, as the identity key would make Hibernate insert them a row at a time.
 */
@Entity
@Immutable
@Table(name = "price_history")
class PriceHistoryEntity {

    @Id
    long id;

    @Column(name = "app_id")
    int appId;

    String currency;

    @Column(name = "price_cents")
    int priceCents;

    @Column(name = "initial_price_cents")
    Integer initialPriceCents;

    @Column(name = "discount_percent")
    Integer discountPercent;

    /** {@code steamspy} or {@code store}. */
    String source;

    @Column(name = "observed_at")
    Instant observedAt;
}
