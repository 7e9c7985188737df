package dev.steamcollector.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.http.EndpointClient;
import dev.steamcollector.model.Bounds;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Steam Store API, undocumented by Valve: prices of many games a request (several appids work
 * only with {@code filters=price_overview}), one game's description, one game's review summary.
 */
public final class StoreClient {

    private static final Logger log = LoggerFactory.getLogger(StoreClient.class);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

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

    /**
     * Each asked game's price, read only under its own appid. Entries about appids not asked are
     * never taken for data; an asked game missing from such an answer is {@link StorePrice.Invalid}.
     */
    Map<Integer, StorePrice> parse(String body, List<Integer> appIds) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("expected an object keyed by appid");
        }
        Set<String> asked = appIds.stream().map(String::valueOf).collect(Collectors.toSet());
        List<String> foreign = new ArrayList<>();
        root.properties().forEach(entry -> {
            if (!asked.contains(entry.getKey())) {
                foreign.add(Bounds.shown(entry.getKey()));
            }
        });
        if (!foreign.isEmpty()) {
            log.warn("Store answer for appids {} carried {} not asked for: ignored", Bounds.shown(appIds.toString()), foreign);
        }
        Map<Integer, StorePrice> prices = new LinkedHashMap<>();
        for (int appId : appIds) {
            JsonNode entry = root.get(String.valueOf(appId));
            prices.put(appId, entry != null ? toPrice(entry)
                    : foreign.isEmpty() ? new StorePrice.Unknown()
                    : new StorePrice.Invalid("answer about appid " + foreign.getFirst() + " instead of " + appId));
        }
        return prices;
    }

    private static StorePrice toPrice(JsonNode entry) {
        if (!entry.path("success").asBoolean(false)) {
            return new StorePrice.Unknown();
        }
        JsonNode data = entry.path("data");
        if (data.isArray() && data.isEmpty()) {
            // with the filter, a free game's data is []
            return new StorePrice.Free();
        }
        if (!data.isObject()) {
            return invalid("data is " + kind(data) + ", not a price");
        }
        JsonNode overview = data.path("price_overview");
        if (overview.isMissingNode()) {
            return new StorePrice.Free();
        }
        if (!overview.isObject()) {
            return invalid("price_overview is " + kind(overview));
        }
        JsonNode currency = overview.path("currency");
        if (!currency.isTextual() || !CURRENCY.matcher(currency.asText()).matches()) {
            return invalid("currency " + Bounds.shown(currency.toString()) + " is no currency code");
        }
        for (String field : List.of("initial", "final")) {
            if (!whole(overview.path(field), Bounds.MINOR_UNITS)) {
                return invalid(field + " " + Bounds.shown(overview.path(field).toString()) + " is not a price in 0.."
                        + Bounds.MINOR_UNITS);
            }
        }
        if (!whole(overview.path("discount_percent"), Bounds.PERCENT)) {
            return invalid("discount_percent " + Bounds.shown(overview.path("discount_percent").toString())
                    + " is not a percentage");
        }
        return new StorePrice.Priced(currency.asText(), overview.get("initial").intValue(), overview.get("final").intValue(),
                overview.get("discount_percent").intValue());
    }

    /** Whether {@code value} is a whole number within its sane {@link Bounds}. */
    private static boolean whole(JsonNode value, long max) {
        return value.isIntegralNumber() && value.canConvertToLong() && Bounds.within(value.longValue(), max);
    }

    private static StorePrice.Invalid invalid(String reason) {
        return new StorePrice.Invalid("invalid answer: " + reason);
    }

    private static String kind(JsonNode node) {
        return node.isMissingNode() ? "missing" : node.getNodeType().toString().toLowerCase();
    }
}
