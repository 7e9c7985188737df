package dev.steamcollector.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steamcollector.http.EndpointClient;
import dev.steamcollector.model.Bounds;
import dev.steamcollector.model.StoreNames;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The Store catalogue in bulk ({@code IStoreBrowseService}, keyless, undocumented by Valve): many
 * games described a request, and the names of the tag and category ids its items carry. Every
 * request goes through the catalogue's own gate.
 */
public final class StoreBrowseClient {

    private final HttpUrl base;
    private final EndpointClient client;
    private final ObjectMapper json;
    private final CatalogueParser parser;

    /** {@code base} is the Steam Web API's ({@code STEAM_API_URL}). */
    public StoreBrowseClient(HttpUrl base, EndpointClient client, ObjectMapper json) {
        this.base = base;
        this.client = client;
        this.json = json;
        this.parser = new CatalogueParser(json);
    }

    /**
     * {@code IStoreBrowseService/GetItems/v1?input_json=…}
     * (https://steamapi.xpaw.me/#IStoreBrowseService/GetItems): the store items of {@code appIds} in
     * English with {@code countryCode}'s data, read against the appids asked.
     */
    public CatalogueAnswer fetchItems(List<Integer> appIds, String countryCode) {
        HttpUrl url = base.newBuilder().addPathSegments("IStoreBrowseService/GetItems/v1/")
                .addQueryParameter("input_json", request(appIds, countryCode)).build();
        return client.get(url, "items of " + appIds.size() + " games from " + appIds.getFirst(),
                body -> parser.parse(body, appIds));
    }

    /** {@code IStoreService/GetTagList/v1?language=english} (https://steamapi.xpaw.me/#IStoreService/GetTagList): tag names by id. */
    public Map<Integer, String> fetchTagNames() {
        HttpUrl url = base.newBuilder().addPathSegments("IStoreService/GetTagList/v1/")
                .addQueryParameter("language", "english").build();
        return client.get(url, "tag names", this::parseTags);
    }

    /**
     * {@code IStoreBrowseService/GetStoreCategories/v1?language=english}
     * (https://steamapi.xpaw.me/#IStoreBrowseService/GetStoreCategories): category names by id; an
     * untranslated {@code #token} display name gives way to the internal name.
     */
    public Map<Integer, StoreNames.Category> fetchCategoryNames() {
        HttpUrl url = base.newBuilder().addPathSegments("IStoreBrowseService/GetStoreCategories/v1/")
                .addQueryParameter("language", "english").build();
        return client.get(url, "category names", this::parseCategories);
    }

    private String request(List<Integer> appIds, String countryCode) {
        ObjectNode input = json.createObjectNode();
        ArrayNode ids = input.putArray("ids");
        appIds.forEach(appId -> ids.addObject().put("appid", appId));
        input.putObject("context").put("language", "english").put("country_code", countryCode.toUpperCase(Locale.ROOT));
        input.putObject("data_request").put("include_basic_info", true).put("include_release", true)
                .put("include_platforms", true).put("include_reviews", true)
                .put("include_tag_count", CatalogueParser.MAX_TAGS).put("include_supported_languages", true);
        return input.toString();
    }

    private Map<Integer, String> parseTags(String body) throws IOException {
        JsonNode tags = json.readTree(body).path("response").path("tags");
        if (!tags.isArray() || tags.isEmpty()) {
            throw new IOException("no tags in the answer");
        }
        Map<Integer, String> names = new HashMap<>();
        for (JsonNode tag : tags) {
            int id = tag.path("tagid").asInt(-1);
            String name = tag.path("name").asText("").strip();
            if (id >= 0 && !name.isEmpty() && name.length() <= Bounds.NAME_CHARS) {
                names.put(id, name);
            }
        }
        return names;
    }

    private Map<Integer, StoreNames.Category> parseCategories(String body) throws IOException {
        JsonNode categories = json.readTree(body).path("response").path("categories");
        if (!categories.isArray() || categories.isEmpty()) {
            throw new IOException("no categories in the answer");
        }
        Map<Integer, StoreNames.Category> names = new HashMap<>();
        for (JsonNode category : categories) {
            int id = category.path("categoryid").asInt(-1);
            String display = category.path("display_name").asText("").strip();
            String name = display.isEmpty() || display.startsWith("#")
                    ? category.path("internal_name").asText("").strip() : display;
            if (id >= 0 && !name.isEmpty() && name.length() <= Bounds.NAME_CHARS) {
                names.put(id, new StoreNames.Category(id, category.path("type").asInt(0), name));
            }
        }
        return names;
    }
}
