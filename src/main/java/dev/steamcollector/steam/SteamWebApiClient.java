package dev.steamcollector.steam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
     * One page after {@code cursor}, read as a stream: a page holds 50,000 games, and a tree of them
     * costs the run more garbage than the games themselves. An entry whose appid is not an appid is
     * skipped and a name longer than any real one is left out (the stored name stays); a page that
     * claims more results but does not move past {@code cursor} is {@link FetchException.Invalid}.
     */
    AppListPage parsePage(String body, int cursor) throws IOException {
        PageFields page = null;
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("no 'response' object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean response = parser.currentName().equals("response");
                JsonToken value = parser.nextToken();
                if (response) {
                    page = value == JsonToken.START_OBJECT ? readResponse(parser) : null;
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (page == null) {
            throw new IOException("no 'response' object");
        }
        if (!page.appsPresent) {
            // reported to happen now and then: an empty answer, never "no apps"
            throw new FetchException.Retryable("Steam Web API app list: empty response {\"response\":{}}",
                    Optional.empty(), null);
        }
        if (page.apps == null) {
            throw new IOException("'apps' is not an array");
        }
        if (page.skipped > 0) {
            log.warn("Steam Web API app list: {} entries without a valid appid skipped", page.skipped);
        }
        int lastAppId = page.lastAppId > 0 ? page.lastAppId : page.highestAppId;
        if (page.haveMore && lastAppId <= cursor) {
            throw new FetchException.Invalid("invalid answer: more results promised after appid " + cursor
                    + ", but the page does not move past it");
        }
        return new AppListPage(page.apps, page.haveMore, lastAppId);
    }

    /** What the {@code response} object holds, read in whatever order its fields come. */
    private static final class PageFields {
        boolean appsPresent;
        List<Game> apps;
        int skipped;
        int highestAppId;
        boolean haveMore;
        int lastAppId;
    }

    /** Reads the {@code response} object, the parser on its start; leaves the parser on its end. */
    private static PageFields readResponse(JsonParser parser) throws IOException {
        PageFields page = new PageFields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "apps" -> {
                    page.appsPresent = true;
                    page.apps = value == JsonToken.START_ARRAY ? readApps(parser, page) : null;
                }
                case "have_more_results" -> page.haveMore = truth(parser, value);
                case "last_appid" -> page.lastAppId = appId(parser, value);
                default -> { }
            }
            // past a value of another shape than expected (after the apps, a no-op on the array's end)
            parser.skipChildren();
        }
        return page;
    }

    /** Reads the {@code apps} array, the parser on its start; an entry that is no object, or has no appid, is skipped. */
    private static List<Game> readApps(JsonParser parser, PageFields page) throws IOException {
        List<Game> games = new ArrayList<>();
        for (JsonToken entry = parser.nextToken(); entry != JsonToken.END_ARRAY; entry = parser.nextToken()) {
            if (entry != JsonToken.START_OBJECT) {
                parser.skipChildren();
                page.skipped++;
                continue;
            }
            int appId = 0;
            String name = null;
            Long lastModified = null;
            Long priceChangeNumber = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "appid" -> appId = appId(parser, value);
                    case "name" -> name = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "last_modified" -> lastModified = wholeNumber(parser, value);
                    case "price_change_number" -> priceChangeNumber = wholeNumber(parser, value);
                    default -> { }
                }
                parser.skipChildren();
            }
            if (appId == 0) {
                page.skipped++;
                continue;
            }
            games.add(new Game(appId, name(name), lastModified(lastModified), priceChangeNumber(priceChangeNumber)));
            page.highestAppId = Math.max(page.highestAppId, appId);
        }
        return games;
    }

    /** The unix time of the last change to the app's store data; absent or nonsense as null. */
    private static Instant lastModified(Long value) {
        return value != null && value > 0 && value <= Bounds.UNIX_TIME ? Instant.ofEpochSecond(value) : null;
    }

    /** The change number of the app's last price change; 0 (never changed) is a number like any other. */
    private static Long priceChangeNumber(Long value) {
        return value != null && value >= 0 ? value : null;
    }

    /** An appid, or 0 for a value that is none: not a whole number, or out of range. */
    private static int appId(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return 0;
        }
        long id = parser.getLongValue();
        return id > 0 && id <= Bounds.APP_ID ? (int) id : 0;
    }

    /** A number as a long, a fraction cut off; null for anything else or a number past a long's range. */
    private static Long wholeNumber(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : parser.getLongValue();
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double number = parser.getDoubleValue();
            return number >= Long.MIN_VALUE && number <= Long.MAX_VALUE ? (long) number : null;
        }
        return null;
    }

    /** A flag as JSON writes one, or as text or a number, as Jackson's {@code asBoolean} reads them. */
    private static boolean truth(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_TRUE -> true;
            case VALUE_STRING -> parser.getText().strip().equals("true");
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || parser.getLongValue() != 0;
            default -> false;
        };
    }

    /** The name as listed; none (the stored name stays) when it is not text or longer than any real name. */
    private static String name(String value) {
        if (value != null && value.length() > Bounds.NAME_CHARS) {
            log.warn("Steam Web API app list: a name of {} characters left out (at most {})", value.length(),
                    Bounds.NAME_CHARS);
            return null;
        }
        return value;
    }
}
