package dev.steamcollector.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.http.EndpointClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/** The Steam Store API (undocumented; see API-FACTS): prices of many games a request. */
public final class StoreClient {

    private final HttpUrl base;
    private final EndpointClient client;
    private final ObjectMapper json;

    public StoreClient(HttpUrl base, EndpointClient client, ObjectMapper json) {
        this.base = base;
        this.client = client;
        this.json = json;
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
