package dev.steamcollector.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A SteamSpy fake on WireMock serving real records (the committed appdetails fixture): {@code all}
 * pages without genre, languages and tags, and {@code appdetails} per game.
 */
public final class SteamSpyFake {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockExtension server;
    private final List<ObjectNode> records;

    public SteamSpyFake(WireMockExtension server) {
        this.server = server;
        this.records = new ArrayList<>();
        try {
            for (String line : Fixtures.read("steamspy-appdetails/records.jsonl.gz").split("\n")) {
                if (!line.isBlank()) {
                    records.add((ObjectNode) JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ObjectNode> records() {
        return records;
    }

    public int appId(int index) {
        return records.get(index).get("appid").asInt();
    }

    /** Serves the records as {@code all} pages of {@code pageSize}, then an empty page. */
    public void servePages(int pageSize) {
        int pages = (records.size() + pageSize - 1) / pageSize;
        for (int page = 0; page < pages; page++) {
            servePage(page, okJson(pageBody(page * pageSize, Math.min(records.size(), (page + 1) * pageSize))));
        }
        servePage(pages, okJson("{}"));
    }

    public void servePage(int page, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                .withQueryParam("page", equalTo(String.valueOf(page))).willReturn(response));
    }

    private String pageBody(int from, int to) {
        ObjectNode page = JSON.createObjectNode();
        for (ObjectNode record : records.subList(from, to)) {
            ObjectNode figures = record.deepCopy();
            figures.remove(List.of("languages", "genre", "tags"));
            page.set(record.get("appid").asText(), figures);
        }
        return page.toString();
    }

    /** Serves every record's {@code appdetails}. */
    public void serveDetails() {
        for (ObjectNode record : records) {
            serveDetails(record.get("appid").asInt(), okJson(record.toString()));
        }
    }

    /** Serves every record's {@code appdetails}, each answer taking {@code delay}: requests stay in flight. */
    public void serveDetailsAfter(Duration delay) {
        for (ObjectNode record : records) {
            serveDetails(record.get("appid").asInt(), okJson(record.toString()).withFixedDelay((int) delay.toMillis()));
        }
    }

    public void serveDetails(int appId, ResponseDefinitionBuilder response) {
        server.stubFor(details(appId).willReturn(response));
    }

    /** An answer that fails once, then the real record. */
    public void failOnceThenServe(int appId, ResponseDefinitionBuilder failure) {
        String record = records.stream().filter(r -> r.get("appid").asInt() == appId).findFirst().orElseThrow().toString();
        server.stubFor(details(appId).inScenario("once " + appId).whenScenarioStateIs("Started")
                .willReturn(failure).willSetStateTo("served"));
        server.stubFor(details(appId).inScenario("once " + appId).whenScenarioStateIs("served").willReturn(okJson(record)));
    }

    public static ResponseDefinitionBuilder status(int code) {
        return aResponse().withStatus(code);
    }

    public int pageRequests(int page) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                .withQueryParam("page", equalTo(String.valueOf(page)))).size();
    }

    public int detailRequests() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/api.php"))
                .withQueryParam("request", equalTo("appdetails"))).size();
    }

    private static MappingBuilder details(int appId) {
        return get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("appdetails"))
                .withQueryParam("appid", equalTo(String.valueOf(appId)));
    }
}
