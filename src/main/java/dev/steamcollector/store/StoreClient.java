package dev.steamcollector.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.http.EndpointClient;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * The Steam Store API (undocumented; see API-FACTS): prices of many games a request, one game's
 * description, one game's review summary.
 */
public final class StoreClient {

    private final HttpUrl base;
    private final EndpointClient client;
    private final EndpointClient reviews;
    private final ObjectMapper json;
    private final StoreDetailsParser details;

    /** {@code client} is gated by the Store limit, {@code reviews} by the review summaries' own. */
    public StoreClient(HttpUrl base, EndpointClient client, EndpointClient reviews, ObjectMapper json) {
        this.base = base;
        this.client = client;
        this.reviews = reviews;
        this.json = json;
        this.details = new StoreDetailsParser(json);
    }

    /**
     * {@code api/appdetails?appids=a,b,c&filters=price_overview&cc=XX} (https://wiki.teamfortress.com/wiki/User:RJackson/StorefrontAPI#appdetails):
     * the price of each game in one country; several appids work only with this filter.
     */
    public Map<Integer, StorePrice> fetchPrices(List<Integer> appIds, String countryCode) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("api/appdetails")
                .addQueryParameter("appids", appIds.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .addQueryParameter("filters", "price_overview")
                .addQueryParameter("cc", countryCode)
                .build();
        return client.get(url, appIds.size() + " prices (" + countryCode + ")", body -> parse(body, appIds));
    }

    /**
     * {@code api/appdetails?appids=N&cc=us&l=english} (https://wiki.teamfortress.com/wiki/User:RJackson/StorefrontAPI#appdetails):
     * one game's description, in English with US data; empty when the Store does not know the game.
     */
    public Optional<StoreDescription> fetchDescription(int appId) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("api/appdetails")
                .addQueryParameter("appids", Integer.toString(appId))
                .addQueryParameter("cc", "us")
                .addQueryParameter("l", "english")
                .build();
        return client.get(url, "appdetails " + appId, body -> details.parseDescription(body, appId));
    }

    /**
     * {@code appreviews/N?json=1&num_per_page=0&language=all&purchase_type=all}
     * (https://partner.steamgames.com/doc/store/getreviews): the review summary, no reviews; empty
     * when the Store does not know the game.
     */
    public Optional<ReviewSummary> fetchReviews(int appId) {
        HttpUrl url = base.newBuilder()
                .addPathSegment("appreviews")
                .addPathSegment(Integer.toString(appId))
                .addQueryParameter("json", "1")
                .addQueryParameter("num_per_page", "0")
                .addQueryParameter("language", "all")
                .addQueryParameter("purchase_type", "all")
                .build();
        return reviews.get(url, "reviews " + appId, body -> details.parseReviews(body, appId));
    }

    Map<Integer, StorePrice> parse(String body, List<Integer> appIds) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("expected an object keyed by appid");
        }
        Map<Integer, StorePrice> prices = new LinkedHashMap<>();
        for (int appId : appIds) {
            prices.put(appId, toPrice(root.path(String.valueOf(appId))));
        }
        return prices;
    }

    private static StorePrice toPrice(JsonNode entry) {
        if (!entry.path("success").asBoolean(false)) {
            return new StorePrice.Unknown();
        }
        JsonNode overview = entry.path("data").path("price_overview");
        if (!overview.isObject()) {
            // with the filter, a free game's data is []
            return new StorePrice.Free();
        }
        return new StorePrice.Priced(overview.path("currency").asText("USD"), overview.path("initial").asInt(),
                overview.path("final").asInt(), overview.path("discount_percent").asInt());
    }
}
