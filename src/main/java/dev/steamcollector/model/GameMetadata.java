package dev.steamcollector.model;

/**
 * What SteamSpy says about a game. Any field may be null: a page record carries no genre,
 * languages or tags, and SteamSpy leaves some fields out for some games.
 */
public record GameMetadata(
        int appId,
        String developer,
        String publisher,
        String ownersEstimate,
        Long ownersMin,
        Long ownersMax,
        Integer positiveReviews,
        Integer negativeReviews,
        Integer scoreRank,
        Integer averagePlaytimeForever,
        Integer averagePlaytime2weeks,
        Integer medianPlaytimeForever,
        Integer medianPlaytime2weeks,
        Integer ccu,
        Integer priceCents,
        Integer initialPriceCents,
        Integer discountPercent,
        String genre,
        String languages,
        String tagsJson) {

    public GameMetadata {
        if (appId <= 0) {
            throw new IllegalArgumentException("appId must be positive: " + appId);
        }
    }
}
