package dev.steamcollector.persistence;

import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.StoredMetadata;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code game_metadata}, as read back. Rows are written by the batched upserts of
 * {@link MetadataRepository}, which keep good data over a bad answer column by column.
 */
@Entity
@Immutable
@Table(name = "game_metadata")
class GameMetadataEntity {

    @Id
    @Column(name = "app_id")
    int appId;

    String developer;

    String publisher;

    @Column(name = "owners_estimate")
    String ownersEstimate;

    @Column(name = "owners_min")
    Long ownersMin;

    @Column(name = "owners_max")
    Long ownersMax;

    @Column(name = "positive_reviews")
    Integer positiveReviews;

    @Column(name = "negative_reviews")
    Integer negativeReviews;

    @Column(name = "score_rank")
    Integer scoreRank;

    @Column(name = "average_playtime_forever")
    Integer averagePlaytimeForever;

    @Column(name = "average_playtime_2weeks")
    Integer averagePlaytime2weeks;

    @Column(name = "median_playtime_forever")
    Integer medianPlaytimeForever;

    @Column(name = "median_playtime_2weeks")
    Integer medianPlaytime2weeks;

    Integer ccu;

    @Column(name = "price_cents")
    Integer priceCents;

    @Column(name = "initial_price_cents")
    Integer initialPriceCents;

    @Column(name = "discount_percent")
    Integer discountPercent;

    String genre;

    String languages;

    /** JSON text ({@code jsonb} on PostgreSQL, JSON on MySQL): read as its text. */
    @Column(name = "tags_json")
    String tagsJson;

    @Column(name = "last_updated")
    Instant lastUpdated;

    @Column(name = "fetch_attempts")
    int fetchAttempts;

    @Column(name = "fetch_status")
    String fetchStatus;

    @Column(name = "last_error")
    String lastError;

    StoredMetadata toStored() {
        GameMetadata data = new GameMetadata(appId, developer, publisher, ownersEstimate, ownersMin, ownersMax,
                positiveReviews, negativeReviews, scoreRank, averagePlaytimeForever, averagePlaytime2weeks,
                medianPlaytimeForever, medianPlaytime2weeks, ccu, priceCents, initialPriceCents, discountPercent,
                genre, languages, tagsJson);
        return new StoredMetadata(data, FetchStatus.fromDb(fetchStatus), fetchAttempts, lastError, lastUpdated);
    }
}
