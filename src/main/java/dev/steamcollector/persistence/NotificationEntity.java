package dev.steamcollector.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code notifications}: a price drop or a new discount to announce on Discord, queued
 * natively by {@link PriceRepository} with the price that caused it, then claimed, posted, or set
 * aside by a poster.
 */
@Entity
@Table(name = "notifications")
class NotificationEntity {

    @Id
    long id;

    @Column(name = "app_id")
    int appId;

    /** {@code price_drop} or {@code new_discount}. */
    String kind;

    String currency;

    @Column(name = "old_price_cents")
    int oldPriceCents;

    @Column(name = "new_price_cents")
    int newPriceCents;

    @Column(name = "initial_price_cents")
    Integer initialPriceCents;

    @Column(name = "discount_percent")
    int discountPercent;

    /** The UTC day of the change, as text: one announcement a change a day. */
    @Column(name = "observed_on")
    String observedOn;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "claimed_by")
    String claimedBy;

    @Column(name = "claimed_at")
    Instant claimedAt;

    /** Empty while queued; {@code sent}, {@code summarized} or {@code refused}. */
    String outcome;

    @Column(name = "sent_at")
    Instant sentAt;

    @Column(name = "refused_at")
    Instant refusedAt;

    String refusal;
}
