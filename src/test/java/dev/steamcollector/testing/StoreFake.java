package dev.steamcollector.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The Store's {@code api/appdetails?appids=…&filters=price_overview&cc=XX} on WireMock, answering
 * any set of appids from per-country entries the test sets; an appid without one is unknown
 * ({@code success: false}). Register it as an extension and {@link #serve} it.
 */
public final class StoreFake extends StubTransformer {

    public static final String PATH = "/api/appdetails";
    /** With the price_overview filter a free game's data is an empty array. */
    public static final String FREE = "{\"success\":true,\"data\":[]}";
    public static final String UNKNOWN = "{\"success\":false}";

    private final Map<String, Map<Integer, String>> entries = new ConcurrentHashMap<>();

    public StoreFake() {
        super("store-fake");
    }

    public static String priced(String currency, int initial, int finalCents, int discount) {
        return String.format("{\"success\":true,\"data\":{\"price_overview\":{\"currency\":\"%s\",\"initial\":%d,"
                + "\"final\":%d,\"discount_percent\":%d,\"initial_formatted\":\"\",\"final_formatted\":\"%d\"}}}",
                currency, initial, finalCents, discount, finalCents);
    }

    public void serve(Stubbing server) {
        server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("filters", equalTo("price_overview"))
                .willReturn(okJson("{}").withTransformers(getName())));
    }

    /** What the Store answers for {@code appId} in {@code country} from now on. */
    public void answer(String country, int appId, String entry) {
        entries.computeIfAbsent(country, c -> new ConcurrentHashMap<>()).put(appId, entry);
    }

    /** Every appid asked about in {@code country} since the requests were last reset, in order. */
    public static List<Integer> asked(Stubbing server, String country) {
        return server.findAll(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cc", equalTo(country))).stream()
                .flatMap(request -> Arrays.stream(request.queryParameter("appids").firstValue().split(",")))
                .map(Integer::valueOf)
                .toList();
    }

    public static int requests(Stubbing server) {
        return server.findAll(getRequestedFor(urlPathEqualTo(PATH))).size();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String country = event.getRequest().queryParameter("cc").firstValue();
        Map<Integer, String> known = entries.getOrDefault(country, Map.of());
        String body = Arrays.stream(event.getRequest().queryParameter("appids").firstValue().split(","))
                .map(id -> "\"" + id + "\":" + known.getOrDefault(Integer.valueOf(id), UNKNOWN))
                .collect(Collectors.joining(",", "{", "}"));
        return okJson(body).build();
    }


}
