package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.steamcollector.testing.Fixtures;
import dev.steamcollector.testing.StubTransformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Local stand-ins for SteamSpy, the Store and the Store catalogue that serve real pages and real (or
 * faithfully crafted) answers about one game, The Witcher 3 (292030), at the real APIs' shapes: what
 * the README's two-minute try was captured against. Pages come from a directory of SteamSpy
 * {@code request=all} page files ({@code 20250101_steamspy_page_N.json} from the 2025-01-01 dump).
 * Usage: {@code TryItServer PORT PAGES_DIRECTORY}; then point {@code STEAMSPY_API_URL},
 * {@code STEAM_STORE_URL} and {@code STEAM_API_URL} at it.
 */
public final class TryItServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GAME = 292_030;

    private TryItServer() {
    }

    public static void main(String[] args) throws IOException {
        WireMockServer server = new WireMockServer(wireMockConfig().port(Integer.parseInt(args[0]))
                .extensions(new CatalogueItems()));
        server.start();
        Path pages = Path.of(args[1]);
        for (int page = 0; page < 80; page++) {
            Path file = pages.resolve("data/20250101_steamspy_page_" + page + ".json");
            String body = Files.isRegularFile(file) ? Files.readString(file) : "{}";
            server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                    .withQueryParam("page", equalTo(Integer.toString(page))).willReturn(okJson(body)));
        }
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("appdetails"))
                .withQueryParam("appid", equalTo(Integer.toString(GAME))).willReturn(okJson(steamSpyRecord())));
        server.stubFor(get(urlPathEqualTo("/api/appdetails")).withQueryParam("appids", equalTo(Integer.toString(GAME)))
                .willReturn(okJson(Fixtures.read("samples/store_appdetails_292030_excerpt.json"))));
        server.stubFor(get(urlPathMatching("/appreviews/" + GAME)).willReturn(okJson(
                Fixtures.read("store/appreviews_very_positive.json"))));
        JsonNode names = JSON.readTree(Fixtures.read("catalogue/names.json"));
        server.stubFor(get(urlPathEqualTo("/IStoreService/GetTagList/v1/")).willReturn(okJson(tagList(names))));
        ObjectNode categories = JSON.createObjectNode();
        categories.putObject("response").set("categories", names.get("categories"));
        server.stubFor(get(urlPathEqualTo("/IStoreBrowseService/GetStoreCategories/v1/"))
                .willReturn(okJson(categories.toString())));
        server.stubFor(get(urlPathEqualTo("/IStoreBrowseService/GetItems/v1/"))
                .willReturn(aResponse().withTransformers(CatalogueItems.NAME)));
        System.out.println("stand-ins on http://127.0.0.1:" + server.port());
    }

    private static String steamSpyRecord() throws IOException {
        try (var in = new GZIPInputStream(TryItServer.class.getResourceAsStream(
                "/fixtures/steamspy-appdetails/records.jsonl.gz"))) {
            return new String(in.readAllBytes()).lines().filter(line -> line.contains("\"appid\":" + GAME))
                    .findFirst().orElseThrow();
        }
    }

    private static String tagList(JsonNode names) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tags = root.putObject("response").put("version_hash", "711684454").putArray("tags");
        names.get("tags").properties().forEach(tag -> tags.addObject().put("tagid", Integer.parseInt(tag.getKey()))
                .put("name", tag.getValue().asText()));
        return root.toString();
    }

    /** GetItems: the crafted item for 292030, {@code success:15} for every other appid asked. */
    public static final class CatalogueItems extends StubTransformer {
        static final String NAME = "try-it-catalogue";

        public CatalogueItems() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            try {
                JsonNode input = JSON.readTree(event.getRequest().queryParameter("input_json").firstValue());
                ObjectNode root = JSON.createObjectNode();
                ArrayNode items = root.putObject("response").putArray("store_items");
                for (JsonNode id : input.path("ids")) {
                    int appId = id.path("appid").asInt();
                    items.add(appId == GAME ? JSON.readTree(Fixtures.read("catalogue/getitems_292030.json"))
                            : JSON.createObjectNode().put("item_type", 0).put("id", appId).put("appid", 0)
                                    .put("success", 15));
                }
                return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(root.toString()).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
