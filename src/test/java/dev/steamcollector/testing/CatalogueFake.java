package dev.steamcollector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Store catalogue ({@code IStoreBrowseService/GetItems}, {@code IStoreService/GetTagList},
 * {@code IStoreBrowseService/GetStoreCategories}) as a WireMock extension, answering as the real
 * service does: one item per asked id in shuffled order, {@code {"id":N,"appid":0,"success":15}} for
 * an appid with no store page, 64-bit numbers as strings, and each block only when the request's
 * {@code data_request} asks for it ({@code categories} always). Every value follows from the appid
 * ({@link #expected}), so a test compares what was stored with what was served. Faults are set per
 * appid: left out of answers, answered with a broken item, or answered about another appid too.
 * Give the server this object as an extension and route the three paths to {@link #NAME}.
 */
public final class CatalogueFake extends StubTransformer {

    public static final String NAME = "catalogue-fake";
    /** Tag names the fake's tag list serves; id 9999 appears on items but is not listed (skipped). */
    public static final Map<Integer, String> TAGS = Map.of(19, "Action", 492, "Indie", 122, "RPG", 21, "Adventure",
            597, "Casual", 1662, "Survival");
    public static final int UNLISTED_TAG = 9999;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LABELS = {"", "Overwhelmingly Negative", "Very Negative", "Negative",
        "Mostly Negative", "Mixed", "Mostly Positive", "Positive", "Very Positive", "Overwhelmingly Positive"};

    private final AtomicInteger itemRequests = new AtomicInteger();
    private final AtomicInteger nameRequests = new AtomicInteger();
    private final AtomicInteger idsAsked = new AtomicInteger();
    private final Set<Integer> leftOut = ConcurrentHashMap.newKeySet();
    private final Set<Integer> broken = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> withForeign = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> requestTimes = new ConcurrentLinkedQueue<>();
    private volatile int minDelayMs;
    private volatile int maxDelayMs;

    public CatalogueFake() {
        super(NAME);
    }

    /** What the fake says about a game, as it should be stored. */
    public record Expected(int appId, boolean known, String name, String type, boolean free, boolean earlyAccess,
            Integer parentAppId, long releaseUnix, boolean comingSoon, boolean mac, boolean linux, String steamDeck,
            List<String> tags, List<String> categories, int reviewScore, int percentPositive, long reviewCount) {

        public String reviewLabel() {
            return LABELS[reviewScore];
        }
    }

    /** The fake's values for a game; one appid in 23 has no store page. */
    public static Expected expected(int appId) {
        int i = appId / 10;
        boolean dlc = appId % 10 == 3;
        List<String> tags = i % 2 == 0 ? List.of("Action", "Indie", "RPG") : List.of("Casual", "Adventure");
        List<String> categories = i % 2 == 0 ? List.of("Single-player", "Steam Achievements", "Full controller support")
                : List.of("Single-player", "HDR available");
        int score = 1 + i % 9;
        return new Expected(appId, appId % 23 != 7, "Catalogue Game " + appId, dlc ? "dlc" : "game", i % 7 == 0,
                i % 5 == 1, dlc ? appId - 3 : null, 1_400_000_000L + (long) appId * 1_000, i % 13 == 4, i % 2 == 0,
                i % 3 == 0, List.of("unknown", "unsupported", "playable", "verified").get(i % 4), tags, categories,
                score, 10 * score, 7L * appId);
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = request.getUrl().replaceAll("\\?.*", "");
        String body;
        if (path.contains("GetItems")) {
            requestTimes.add(System.nanoTime());
            itemRequests.incrementAndGet();
            body = items(request.queryParameter("input_json").firstValue());
        } else if (path.contains("GetTagList")) {
            nameRequests.incrementAndGet();
            body = tagList();
        } else {
            nameRequests.incrementAndGet();
            body = categories();
        }
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(event.getResponseDefinition())
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
        if (maxDelayMs > 0) {
            response = response.withUniformRandomDelay(minDelayMs, maxDelayMs);
        }
        return response.build();
    }

    /** Routes the catalogue's three paths on {@code server} (which has this fake as an extension) to it. */
    public CatalogueFake serveOn(Stubbing server) {
        for (String path : List.of("/IStoreBrowseService/GetItems/v1/", "/IStoreService/GetTagList/v1/",
                "/IStoreBrowseService/GetStoreCategories/v1/")) {
            server.stubFor(WireMock.get(WireMock.urlPathEqualTo(path)).willReturn(WireMock.aResponse().withTransformers(NAME)));
        }
        return this;
    }

    /** Answers take {@code min..max} ms. */
    public CatalogueFake latency(int minMs, int maxMs) {
        this.minDelayMs = minMs;
        this.maxDelayMs = maxMs;
        return this;
    }

    /** Answers leave {@code appId}'s item out. */
    public void leaveOut(int appId) {
        leftOut.add(appId);
    }

    /** Answers carry a broken item for {@code appId} (a negative review count). */
    public void breakItem(int appId) {
        broken.add(appId);
    }

    /** Answers that carry {@code appId} also carry an item about {@code foreign}, which nobody asked. */
    public void addForeign(int appId, int foreign) {
        withForeign.put(appId, foreign);
    }

    /** Serves every item again as it should be. */
    public void heal() {
        leftOut.clear();
        broken.clear();
        withForeign.clear();
    }

    public int itemRequests() {
        return itemRequests.get();
    }

    public int nameRequests() {
        return nameRequests.get();
    }

    public int idsAsked() {
        return idsAsked.get();
    }

    /** When each items request arrived ({@link System#nanoTime()}). */
    public List<Long> requestTimes() {
        return List.copyOf(requestTimes);
    }

    private String items(String inputJson) {
        JsonNode input;
        try {
            input = JSON.readTree(inputJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode asked = input.path("data_request");
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode id : input.path("ids")) {
            int appId = id.path("appid").asInt();
            idsAsked.incrementAndGet();
            if (!leftOut.contains(appId)) {
                items.add(item(appId, asked));
            }
            Integer foreign = withForeign.get(appId);
            if (foreign != null) {
                items.add(item(foreign, asked));
            }
        }
        Collections.shuffle(items, new Random(items.size()));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putObject("response").putArray("store_items");
        items.forEach(list::add);
        return root.toString();
    }

    private ObjectNode item(int appId, JsonNode asked) {
        Expected game = expected(appId);
        ObjectNode item = JSON.createObjectNode().put("item_type", 0).put("id", appId);
        if (!game.known()) {
            return item.put("appid", 0).put("success", 15);
        }
        int i = appId / 10;
        item.put("success", 1).put("visible", true).put("name", game.name()).put("store_url_path", "app/" + appId + "/")
                .put("appid", appId).put("type", game.type().equals("dlc") ? 4 : 0).put("is_free", game.free());
        if (game.earlyAccess()) {
            item.put("is_early_access", true);
        }
        if (game.parentAppId() != null) {
            item.putObject("related_items").put("parent_appid", game.parentAppId());
        }
        ArrayNode tagIds = item.putArray("tagids");
        ObjectNode categories = item.putObject("categories");
        categories.putArray("supported_player_categoryids").add(2);
        if (i % 2 == 0) {
            tagIds.add(19).add(492).add(UNLISTED_TAG).add(122);
            categories.putArray("feature_categoryids").add(22);
            categories.putArray("controller_categoryids").add(28);
        } else {
            tagIds.add(597).add(21);
            categories.putArray("feature_categoryids").add(61);
        }
        if (asked.path("include_reviews").asBoolean()) {
            item.putObject("reviews").putObject("summary_filtered")
                    .put("review_count", broken.contains(appId) ? -5 : game.reviewCount())
                    .put("percent_positive", game.percentPositive()).put("review_score", game.reviewScore())
                    .put("review_score_label", game.reviewLabel());
        }
        if (asked.path("include_basic_info").asBoolean()) {
            ObjectNode basic = item.putObject("basic_info").put("short_description", "About game " + appId);
            basic.putArray("publishers").addObject().put("name", "Publisher " + appId % 7);
            basic.putArray("developers").addObject().put("name", "Developer " + appId % 11);
        }
        int tagCount = asked.path("include_tag_count").asInt(0);
        if (tagCount > 0) {
            ArrayNode tags = item.putArray("tags");
            int weight = 900;
            for (JsonNode tag : tagIds) {
                if (tags.size() < tagCount) {
                    tags.addObject().put("tagid", tag.asInt()).put("weight", weight -= 100);
                }
            }
        }
        if (asked.path("include_release").asBoolean()) {
            ObjectNode release = item.putObject("release").put("steam_release_date", game.releaseUnix());
            if (game.comingSoon()) {
                release.put("is_coming_soon", true).put("coming_soon_display", "Q3 2026");
            }
        }
        if (asked.path("include_platforms").asBoolean()) {
            item.putObject("platforms").put("windows", true).put("mac", game.mac()).put("steamos_linux", game.linux())
                    .putObject("vr_support");
            ((ObjectNode) item.get("platforms")).put("steam_deck_compat_category", i % 4);
        }
        if (asked.path("include_supported_languages").asBoolean()) {
            ArrayNode languages = item.putArray("supported_languages");
            languages.addObject().put("elanguage", 0).put("supported", true).put("full_audio", true).put("subtitles", true);
            languages.addObject().put("elanguage", 2).put("supported", true).put("full_audio", false);
            // a language Valve added after this was written: skipped, not guessed
            languages.addObject().put("elanguage", 97).put("supported", true).put("full_audio", true);
        }
        if (!game.free()) {
            item.putObject("best_purchase_option").put("packageid", appId + 1).put("final_price_in_cents", "499")
                    .put("original_price_in_cents", "999").put("formatted_final_price", "$4.99").put("discount_pct", 50);
        }
        return item;
    }

    private static String tagList() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode response = root.putObject("response").put("version_hash", "711684454");
        ArrayNode tags = response.putArray("tags");
        TAGS.forEach((id, name) -> tags.addObject().put("tagid", id).put("name", name));
        return root.toString();
    }

    private static String categories() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putObject("response").putArray("categories");
        list.addObject().put("categoryid", 2).put("type", 1).put("internal_name", "single_player")
                .put("display_name", "Single-player");
        list.addObject().put("categoryid", 22).put("type", 2).put("internal_name", "achievements")
                .put("display_name", "Steam Achievements");
        list.addObject().put("categoryid", 28).put("type", 3).put("internal_name", "full_controller_support")
                .put("display_name", "Full controller support");
        // an untranslated token: the internal name stands in
        list.addObject().put("categoryid", 61).put("type", 2).put("internal_name", "HDR available")
                .put("display_name", "#Category_HDR");
        return root.toString();
    }
}
