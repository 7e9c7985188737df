package dev.steamcollector.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The keyed {@code IStoreService/GetAppList/v1} on WireMock, answering from a list the test changes
 * between runs: pages by {@code last_appid} as Steam serves them (the last without
 * {@code have_more_results} or {@code last_appid}), and, when told, a list cut short that says no
 * more results follow. Register it as an extension and {@link #serve} it.
 */
public final class AppListFake extends StubTransformer {

    public static final String PATH = "/IStoreService/GetAppList/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NavigableMap<Integer, App> apps = new ConcurrentSkipListMap<>();
    private volatile int pageSize = 50_000;
    private volatile int cutAfter = Integer.MAX_VALUE;

    public AppListFake() {
        super("app-list-fake");
    }

    /** One entry of the list. */
    public record App(int appId, String name, long lastModified, long priceChangeNumber) {

        public App withPriceChangeNumber(long number) {
            return new App(appId, name, lastModified, number);
        }

        public App withLastModified(long unixTime) {
            return new App(appId, name, unixTime, priceChangeNumber);
        }
    }

    /** Answers the app list requests carrying the test key. */
    public void serve(Stubbing server) {
        server.stubFor(WireMock.get(urlPathEqualTo(PATH)).withQueryParam("key", equalTo(TestApis.API_KEY))
                .willReturn(okJson("{}").withTransformers(getName())));
    }

    public void put(App app) {
        apps.put(app.appId(), app);
    }

    public void putAll(Collection<App> list) {
        list.forEach(this::put);
    }

    public void remove(int appId) {
        apps.remove(appId);
    }

    public App get(int appId) {
        return apps.get(appId);
    }

    public List<App> apps() {
        return List.copyOf(apps.values());
    }

    public void pageSize(int size) {
        this.pageSize = size;
    }

    /** From now on the list ends after {@code appId}, as if truncated: later games are never served. */
    public void cutAfter(int appId) {
        this.cutAfter = appId;
    }

    public void uncut() {
        this.cutAfter = Integer.MAX_VALUE;
    }

    /** How many app list requests reached the fake. */
    public static int requests(Stubbing server) {
        return server.findAll(getRequestedFor(urlPathEqualTo(PATH))).size();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        int after = intParameter(event.getRequest().queryParameter("last_appid"), 0);
        int size = Math.min(pageSize, intParameter(event.getRequest().queryParameter("max_results"), 10_000));
        NavigableMap<Integer, App> rest = apps.tailMap(after, false).headMap(cutAfter, true);
        List<App> page = rest.values().stream().limit(size).toList();
        ObjectNode response = JSON.createObjectNode();
        ArrayNode list = response.putObject("response").putArray("apps");
        page.forEach(app -> list.addObject().put("appid", app.appId()).put("name", app.name())
                .put("last_modified", app.lastModified()).put("price_change_number", app.priceChangeNumber()));
        if (rest.size() > page.size()) {
            ((ObjectNode) response.get("response")).put("have_more_results", true)
                    .put("last_appid", page.getLast().appId());
        }
        return okJson(response.toString()).build();
    }

    private static int intParameter(QueryParameter parameter, int fallback) {
        return parameter.isPresent() ? Integer.parseInt(parameter.firstValue()) : fallback;
    }



    /** {@code count} games with appids 10, 20, ..., change numbers 1000+i and last_modified 1.7e9+i. */
    public static List<App> catalogue(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new App(10 * (i + 1), "Game " + 10 * (i + 1), 1_700_000_000L + i, 1_000L + i))
                .toList();
    }

    /** A map from appid to app, for tests that look entries up. */
    public Map<Integer, App> byAppId() {
        return Map.copyOf(apps);
    }
}
