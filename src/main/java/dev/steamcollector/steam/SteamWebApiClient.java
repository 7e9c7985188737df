package dev.steamcollector.steam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.config.Secret;
import dev.steamcollector.http.EndpointClient;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.Game;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/** The Steam Web API (https://partner.steamgames.com/doc/webapi): the app list. */
public final class SteamWebApiClient {

    public static final int MAX_RESULTS = 50_000;

    private final HttpUrl base;
    private final Secret key;
    private final EndpointClient client;
    private final ObjectMapper json;

    public SteamWebApiClient(HttpUrl base, Secret key, EndpointClient client, ObjectMapper json) {
        this.base = base;
        this.key = key;
        this.client = client;
        this.json = json;
    }

    /**
     * {@code IStoreService/GetAppList/v1} (https://partner.steamgames.com/doc/webapi/IStoreService#GetAppList):
     * games after {@code lastAppId} (0 for the first page), ascending by appid.
     */
    public AppListPage fetchAppListPage(int lastAppId, int maxResults) {
        HttpUrl.Builder url = base.newBuilder()
                .addPathSegments("IStoreService/GetAppList/v1/")
                .addQueryParameter("key", key.reveal())
                .addQueryParameter("include_games", "true")
                .addQueryParameter("max_results", Integer.toString(maxResults));
        if (lastAppId > 0) {
            url.addQueryParameter("last_appid", Integer.toString(lastAppId));
        }
        return client.get(url.build(), "app list after appid " + lastAppId, this::parsePage);
    }

    AppListPage parsePage(String body) throws IOException {
        JsonNode response = json.readTree(body).path("response");
        if (!response.isObject()) {
            throw new IOException("no 'response' object");
        }
        JsonNode apps = response.get("apps");
        if (apps == null) {
            // reported to happen now and then: an empty answer, never "no apps"
            throw new FetchException.Retryable("Steam Web API app list: empty response {\"response\":{}}",
                    Optional.empty(), null);
        }
        if (!apps.isArray()) {
            throw new IOException("'apps' is not an array");
        }
        List<Game> games = new ArrayList<>(apps.size());
        int last = 0;
        for (JsonNode app : apps) {
            int appId = app.path("appid").asInt(0);
            if (appId > 0) {
                games.add(new Game(appId, app.path("name").asText(null), lastModified(app),
                        priceChangeNumber(app)));
                last = Math.max(last, appId);
            }
        }
        boolean haveMore = response.path("have_more_results").asBoolean(false);
        int lastAppId = response.path("last_appid").asInt(last);
        return new AppListPage(games, haveMore, lastAppId);
    }

    /** The unix time of the last change to the app's store data; absent or nonsense as null. */
    private static Instant lastModified(JsonNode app) {
        JsonNode value = app.get("last_modified");
        return value != null && value.canConvertToLong() && value.asLong() > 0
                ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    /** The change number of the app's last price change; 0 (never changed) is a number like any other. */
    private static Long priceChangeNumber(JsonNode app) {
        JsonNode value = app.get("price_change_number");
        return value != null && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : null;
    }
}
