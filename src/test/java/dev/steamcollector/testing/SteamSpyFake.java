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

    /** Requests of SteamSpy's {@code request=…} kind ({@code all}, {@code appdetails}). */
    public static MappingBuilder request(String request) {
        return get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo(request));
    }

    /** A made-up game as SteamSpy's pages carry it, named "Game N", with {@code extra} fields appended. */
    public static String record(int appId, String extra) {
        return """
                {"appid":%d,"name":"Game %d","developer":"D","publisher":"P","score_rank":"","positive":1,\
                "negative":0,"userscore":0,"owners":"0 .. 20,000","average_forever":0,"average_2weeks":0,\
                "median_forever":0,"median_2weeks":0,"price":"999","initialprice":"999","discount":"0",\
                "ccu":0%s}""".formatted(appId, appId, extra);
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
        return request("appdetails").withQueryParam("appid", equalTo(String.valueOf(appId)));
    }
}
