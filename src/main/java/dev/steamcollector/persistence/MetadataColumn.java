package dev.steamcollector.persistence;

import dev.steamcollector.model.GameMetadata;
import java.sql.Types;
import java.util.List;
import java.util.function.Function;

/** A data column of {@code game_metadata} and the {@link GameMetadata} field it holds. */
record MetadataColumn(String name, int sqlType, Function<GameMetadata, Object> value) {

    /** Every data column, in the order of {@link GameMetadata}'s components. */
    static final List<MetadataColumn> ALL = List.of(
            new MetadataColumn("developer", Types.VARCHAR, GameMetadata::developer),
            new MetadataColumn("publisher", Types.VARCHAR, GameMetadata::publisher),
            new MetadataColumn("owners_estimate", Types.VARCHAR, GameMetadata::ownersEstimate),
            new MetadataColumn("owners_min", Types.BIGINT, GameMetadata::ownersMin),
            new MetadataColumn("owners_max", Types.BIGINT, GameMetadata::ownersMax),
            new MetadataColumn("positive_reviews", Types.INTEGER, GameMetadata::positiveReviews),
            new MetadataColumn("negative_reviews", Types.INTEGER, GameMetadata::negativeReviews),
            new MetadataColumn("score_rank", Types.INTEGER, GameMetadata::scoreRank),
            new MetadataColumn("average_playtime_forever", Types.INTEGER, GameMetadata::averagePlaytimeForever),
            new MetadataColumn("average_playtime_2weeks", Types.INTEGER, GameMetadata::averagePlaytime2weeks),
            new MetadataColumn("median_playtime_forever", Types.INTEGER, GameMetadata::medianPlaytimeForever),
            new MetadataColumn("median_playtime_2weeks", Types.INTEGER, GameMetadata::medianPlaytime2weeks),
            new MetadataColumn("ccu", Types.INTEGER, GameMetadata::ccu),
            new MetadataColumn("price_cents", Types.INTEGER, GameMetadata::priceCents),
            new MetadataColumn("initial_price_cents", Types.INTEGER, GameMetadata::initialPriceCents),
            new MetadataColumn("discount_percent", Types.INTEGER, GameMetadata::discountPercent),
            new MetadataColumn("genre", Types.VARCHAR, GameMetadata::genre),
            new MetadataColumn("languages", Types.VARCHAR, GameMetadata::languages),
            new MetadataColumn("tags_json", Parameters.JSON, GameMetadata::tagsJson));

    /** The columns a SteamSpy {@code all} page carries: all but genre, languages and tags. */
    static final List<MetadataColumn> PAGE = ALL.subList(0, ALL.size() - 3);
}
