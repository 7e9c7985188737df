package dev.steamcollector.steam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.config.Secret;
import dev.steamcollector.http.EndpointClient;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.Bounds;
import dev.steamcollector.model.Game;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Steam Web API (https://partner.steamgames.com/doc/webapi): the app list. */
public final class SteamWebApiClient {

    public static final int MAX_RESULTS = 50_000;
    private static final Logger log = LoggerFactory.getLogger(SteamWebApiClient.class);

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
        return client.get(url.build(), "app list after appid " + lastAppId, body -> parsePage(body, lastAppId));
    }

    /**
     * One page after {@code cursor}. An entry whose appid is not an appid is skipped and a name
     * longer than any real one is left out (the stored name stays); a page that claims more
     * results but does not move past {@code cursor} is {@link FetchException.Invalid}.
     */
    AppListPage parsePage(String body, int cursor) throws IOException {
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
        int skipped = 0;
        for (JsonNode app : apps) {
            JsonNode appId = app.path("appid");
            if (!isAppId(appId)) {
                skipped++;
                continue;
            }
            games.add(new Game(appId.intValue(), name(app.path("name")), lastModified(app), priceChangeNumber(app)));
            last = Math.max(last, appId.intValue());
        }
        if (skipped > 0) {
            log.warn("Steam Web API app list: {} entries without a valid appid skipped", skipped);
        }
        boolean haveMore = response.path("have_more_results").asBoolean(false);
        JsonNode next = response.path("last_appid");
        int lastAppId = isAppId(next) ? next.intValue() : last;
        if (haveMore && lastAppId <= cursor) {
            throw new FetchException.Invalid("invalid answer: more results promised after appid " + cursor
                    + ", but the page does not move past it");
        }
        return new AppListPage(games, haveMore, lastAppId);
    }

    /** The unix time of the last change to the app's store data; absent or nonsense as null. */
    private static Instant lastModified(JsonNode app) {
        JsonNode value = app.get("last_modified");
        return value != null && value.canConvertToLong() && value.asLong() > 0 && value.asLong() <= Bounds.UNIX_TIME
                ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    /** The change number of the app's last price change; 0 (never changed) is a number like any other. */
    private static Long priceChangeNumber(JsonNode app) {
        JsonNode value = app.get("price_change_number");
        return value != null && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : null;
    }

    private static boolean isAppId(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() > 0
                && value.longValue() <= Bounds.APP_ID;
    }

    /** The name as listed; none (the stored name stays) when it is not text or longer than any real name. */
    private static String name(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        if (value.asText().length() > Bounds.NAME_CHARS) {
            log.warn("Steam Web API app list: a name of {} characters left out (at most {})", value.asText().length(),
                    Bounds.NAME_CHARS);
            return null;
        }
        return value.asText();
    }
}
