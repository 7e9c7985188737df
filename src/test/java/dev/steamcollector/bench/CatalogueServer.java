package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.steamcollector.testing.AppListFake;
import dev.steamcollector.testing.CatalogueFake;
import dev.steamcollector.testing.StoreDetailsFake;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fakes of {@link CatalogueBenchmark} on one loopback WireMock: the keyed app list, the
 * catalogue with a latency, and the other sources of a {@code collect} answering quickly —
 * SteamSpy's {@code request=all} with {@code {}} (past the last page), its appdetails, the Store's
 * appdetails and appreviews — each counted, so the report shows they did no real work.
 */
final class CatalogueServer implements AutoCloseable {

    /** What a request was for, by path and query. */
    enum Kind {
        APP_LIST("app list pages"), CATALOGUE_ITEMS("catalogue GetItems"), CATALOGUE_NAMES("catalogue tag/category names"),
        STEAMSPY_PAGES("SteamSpy request=all pages"), STEAMSPY_DETAILS("SteamSpy appdetails"),
        STORE_DETAILS("Store appdetails"), STORE_REVIEWS("Store appreviews");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String url) {
            if (url.startsWith(AppListFake.PATH)) {
                return APP_LIST;
            }
            if (url.startsWith("/IStoreBrowseService/GetItems/")) {
                return CATALOGUE_ITEMS;
            }
            if (url.startsWith("/IStoreService/GetTagList/") || url.startsWith("/IStoreBrowseService/GetStoreCategories/")) {
                return CATALOGUE_NAMES;
            }
            if (url.startsWith("/api.php")) {
                return url.contains("request=all") ? STEAMSPY_PAGES : STEAMSPY_DETAILS;
            }
            return url.startsWith("/appreviews/") ? STORE_REVIEWS : STORE_DETAILS;
        }
    }

    private static final String STEAMSPY_DETAILS_BODY = """
            {"appid": {{request.query.appid}}, "name": "Game {{request.query.appid}}", "developer": "Bench Studio",
             "publisher": "Bench Publishing", "positive": 1200, "negative": 300, "owners": "20,000 .. 50,000",
             "price": "999", "initialprice": "1999", "discount": "50", "languages": "English", "genre": "Action",
             "ccu": 42, "tags": {"Indie": 120}}
            """;

    final AppListFake list = new AppListFake();
    final CatalogueFake catalogue = new CatalogueFake();
    private final Map<Kind, AtomicInteger> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, AtomicLong> firstArrivals = new EnumMap<>(Kind.class);
    private final WireMockServer server;

    CatalogueServer(int games) {
        for (Kind kind : Kind.values()) {
            counts.put(kind, new AtomicInteger());
            firstArrivals.put(kind, new AtomicLong());
        }
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(64)
                .jettyAcceptors(2).disableRequestJournal()
                .extensions(list, catalogue, new StoreDetailsFake.Answers(), new Counter(counts, firstArrivals)));
        server.start();
        list.putAll(AppListFake.catalogue(games));
        list.serve(server);
        catalogue.serveOn(server);
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all")).willReturn(okJson("{}")));
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("appdetails"))
                .willReturn(okJson(STEAMSPY_DETAILS_BODY).withTransformers("response-template")));
        for (var stub : List.of(get(urlPathEqualTo("/api/appdetails")), get(urlPathMatching("/appreviews/[0-9]+")))) {
            server.stubFor(stub.willReturn(aResponse().withTransformers(StoreDetailsFake.Answers.NAME)));
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Requests of each kind so far. */
    Map<Kind, Integer> counts() {
        Map<Kind, Integer> snapshot = new EnumMap<>(Kind.class);
        counts.forEach((kind, count) -> snapshot.put(kind, count.get()));
        return snapshot;
    }

    /** When the first request of {@code kind} arrived ({@link System#nanoTime()}), 0 before any. */
    long firstArrival(Kind kind) {
        return firstArrivals.get(kind).get();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Counts each request as it arrives, by {@link Kind}, and notes the first arrival of each. */
    private static final class Counter implements ServeEventListener {

        private final Map<Kind, AtomicInteger> counts;
        private final Map<Kind, AtomicLong> firstArrivals;

        Counter(Map<Kind, AtomicInteger> counts, Map<Kind, AtomicLong> firstArrivals) {
            this.counts = counts;
            this.firstArrivals = firstArrivals;
        }

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            long now = System.nanoTime();
            Kind kind = Kind.of(serveEvent.getRequest().getUrl());
            counts.get(kind).incrementAndGet();
            firstArrivals.get(kind).compareAndSet(0, now);
        }

        @Override
        public String getName() {
            return "catalogue-benchmark-counter";
        }
    }
}
