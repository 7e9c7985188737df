package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.steamcollector.steamspy.SteamSpyParser;
import dev.steamcollector.steamspy.SteamSpyRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Made-up SteamSpy answers on a WireMock server for the benchmarks: one templated appdetails stub and pre-rendered {@code all} pages. */
final class SyntheticSteamSpy {

    static final int PAGE_SIZE = 1_000;
    static final int MIN_DELAY_MS = 20;
    static final int MAX_DELAY_MS = 200;
    static final int DETAILS_POSITIVE = 1_200;
    static final String GENRE = "Action, Indie";
    private static final String PATH = "/api.php";
    /** A realistic appdetails answer; the appid and name come from the request. */
    private static final String DETAILS_TEMPLATE = """
            {"appid": {{request.query.appid}}, "name": "Game {{request.query.appid}}",
             "developer": "Bench Studio", "publisher": "Bench Publishing", "score_rank": "",
             "positive": %d, "negative": 300, "userscore": 0, "owners": "20,000 .. 50,000",
             "average_forever": 240, "average_2weeks": 35, "median_forever": 120, "median_2weeks": 20,
             "price": "999", "initialprice": "1999", "discount": "50",
             "languages": "English, French, German, Spanish - Spain, Japanese", "genre": "%s", "ccu": 42,
             "tags": {"Indie": 120, "Action": 80}
            }
            """.formatted(DETAILS_POSITIVE, GENRE);

    private SyntheticSteamSpy() {
    }

    /** The appid of the {@code index}-th game on the pages: 10, 20, 30, ... like SteamSpy's own. */
    static int appId(int index) {
        return 10 * (index + 1);
    }

    /** The games whose details are fetched: spread evenly over the pages, so each page carries some. */
    static int[] detailsAppIds(int games, int pages) {
        int stride = pages * PAGE_SIZE / games;
        int[] ids = new int[games];
        for (int i = 0; i < games; i++) {
            ids[i] = appId(i * stride);
        }
        return ids;
    }

    /** The review count a page reports for a game; never the details' {@link #DETAILS_POSITIVE}. */
    static int pagePositive(int appId) {
        return 10_000 + appId % 9_973;
    }

    /** Registers the appdetails stub, pages 0 to {@code pages - 1} and {@code {}} at {@code pages}; all delayed. */
    static void stub(WireMockServer server, int pages) throws IOException {
        server.stubFor(get(urlPathEqualTo(PATH))
                .withQueryParam("request", equalTo("appdetails"))
                .withQueryParam("appid", matching("[0-9]+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(DETAILS_TEMPLATE).withTransformers("response-template")
                        .withUniformRandomDelay(MIN_DELAY_MS, MAX_DELAY_MS)));
        long bytes = 0;
        for (int page = 0; page <= pages; page++) {
            byte[] body = page < pages ? renderPage(page) : "{}".getBytes(StandardCharsets.UTF_8);
            bytes += body.length;
            server.stubFor(get(urlPathEqualTo(PATH))
                    .withQueryParam("request", equalTo("all"))
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(body).withUniformRandomDelay(MIN_DELAY_MS, MAX_DELAY_MS)));
        }
        System.out.printf(Locale.ROOT, "fake: appdetails from one templated stub; %d pages of %,d games"
                + " (appids %,d .. %,d, %,d bytes of JSON) and an empty page %d%n", pages, PAGE_SIZE, appId(0),
                appId(pages * PAGE_SIZE - 1), bytes, pages);
    }

    /** One {@code request=all} page as SteamSpy sends it: an object keyed by appid, figures but no tags. */
    private static byte[] renderPage(int page) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            for (int i = page * PAGE_SIZE; i < (page + 1) * PAGE_SIZE; i++) {
                int appId = appId(i);
                json.writeObjectFieldStart(Integer.toString(appId));
                json.writeNumberField("appid", appId);
                json.writeStringField("name", "Game " + appId);
                json.writeStringField("developer", "Bench Studio");
                json.writeStringField("publisher", "Bench Publishing");
                json.writeStringField("score_rank", "");
                json.writeNumberField("positive", pagePositive(appId));
                json.writeNumberField("negative", appId % 997);
                json.writeNumberField("userscore", 0);
                json.writeStringField("owners", "20,000 .. 50,000");
                json.writeNumberField("average_forever", appId % 500);
                json.writeNumberField("average_2weeks", appId % 50);
                json.writeNumberField("median_forever", appId % 300);
                json.writeNumberField("median_2weeks", appId % 30);
                json.writeStringField("price", "999");
                json.writeStringField("initialprice", "1999");
                json.writeStringField("discount", "50");
                json.writeNumberField("ccu", appId % 211);
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Checks that the templated answer and the pages parse as the program parses them. */
    static void preflight(String base, int pages) throws IOException, InterruptedException {
        SteamSpyParser parser = new SteamSpyParser(new ObjectMapper());
        try (HttpClient http = HttpClient.newHttpClient()) {
            String details = fetch(http, base + PATH + "?request=appdetails&appid=4230");
            JsonNode appId = new ObjectMapper().readTree(details).get("appid");
            Optional<SteamSpyRecord> record = parser.parseDetails(4230, details);
            if (appId == null || !appId.isInt() || record.isEmpty() || record.get().appId() != 4230
                    || !record.get().name().equals("Game 4230") || !GENRE.equals(record.get().metadata().genre())) {
                throw new IllegalStateException("the templated appdetails answer does not parse as expected: "
                        + details);
            }
            List<SteamSpyRecord> first = parser.parsePage(fetch(http, base + PATH + "?request=all&page=0"));
            List<SteamSpyRecord> past = parser.parsePage(fetch(http, base + PATH + "?request=all&page=" + pages));
            if (first.size() != PAGE_SIZE || !past.isEmpty()) {
                throw new IllegalStateException("the pages do not parse as expected: " + first.size() + " / "
                        + past.size() + " records");
            }
        }
        System.out.println("fake: checked: appdetails for 4230 parses (appid a JSON number, name \"Game 4230\");"
                + " page 0 has 1,000 records, page " + pages + " none");
    }

    private static String fetch(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
