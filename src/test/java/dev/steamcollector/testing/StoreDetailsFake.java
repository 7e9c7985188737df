package dev.steamcollector.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A Steam Store fake on WireMock: one-game {@code api/appdetails} and {@code appreviews} answers in
 * the shapes the real Store sends, generated from {@link Expected} values per game so that a test
 * can compare what was stored with what was served, field by field. The quirks come round by
 * appid: ages as numbers and strings, three date forms, games coming soon, DLC, missing optional
 * blocks, HTML language lists, and games the Store does not know. Two stubs answer every appid
 * (through {@link Answers}, which the server must be given as an extension); a stub for one game
 * added later takes precedence.
 */
public final class StoreDetailsFake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LABELS = {"No user reviews", "Overwhelmingly Negative", "Very Negative", "Negative",
        "Mostly Negative", "Mixed", "Mostly Positive", "Positive", "Very Positive", "Overwhelmingly Positive"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private final WireMockExtension server;

    public StoreDetailsFake(WireMockExtension server) {
        this.server = server;
    }

    /** What the fake says about game {@code appId}, as the collector should store it. */
    public record Expected(int appId, boolean known, String type, String name, Integer requiredAge, boolean ageAsText,
            boolean free, String releaseText, String releaseDate, boolean comingSoon, boolean windows, boolean mac,
            boolean linux, Integer metacritic, Integer recommendations, Integer achievements, int dlcCount,
            List<String> developers, List<String> genres, List<String> categories, String supportedLanguages,
            String fullAudioLanguages, String controllerSupport, String website, int reviewScore,
            long totalPositive, long totalNegative) {

        public String reviewLabel() {
            return LABELS[reviewScore];
        }

        public long totalReviews() {
            return totalPositive + totalNegative;
        }
    }

    /** The fake's values for a game: every field varies with the appid; one game in 25 is unknown to the Store. */
    public static Expected expected(int appId) {
        int i = appId / 10;
        boolean soon = i % 11 == 5;
        int month = i % 12;
        int day = 1 + i % 28;
        int year = 2000 + i % 25;
        String text;
        String date;
        if (soon) {
            text = "Q3 2026";
            date = null;
        } else if (i % 3 == 0) {
            text = day + " " + MONTHS[month] + ", " + year;
            date = String.format("%d-%02d-%02d", year, month + 1, day);
        } else if (i % 3 == 1) {
            text = MONTHS[month] + " " + day + ", " + year;
            date = String.format("%d-%02d-%02d", year, month + 1, day);
        } else {
            text = MONTHS[month] + " " + year;
            date = String.format("%d-%02d-01", year, month + 1);
        }
        boolean german = i % 2 == 0;
        return new Expected(appId, i % 25 != 24, i % 10 == 3 ? "dlc" : "game", "Store Game " + appId, i % 19,
                i % 3 == 0, i % 7 == 0, text, date, soon, true, i % 2 == 0, i % 3 == 0,
                i % 5 == 0 ? 50 + i % 50 : null, i % 2 == 0 ? i * 10 : null, i % 4 == 1 ? i % 90 : null, i % 4,
                List.of("Studio " + i % 13), List.of(i % 2 == 0 ? "Action" : "Indie", "Adventure"),
                i % 6 == 0 ? null : List.of("Single-player", "Steam Achievements"),
                german ? "English, French, German" : "English, French", german ? "English, German" : "English",
                i % 6 == 0 ? "full" : null, i % 4 == 0 ? null : "https://example.com/" + appId, i % 10,
                i * 7L, i % 13);
    }

    /** Serves every game: its description and its review summary, as {@link #expected} says. */
    public void serve() {
        server.stubFor(get(urlPathEqualTo("/api/appdetails")).withQueryParam("cc", equalTo("us"))
                .withQueryParam("l", equalTo("english")).willReturn(aResponse().withTransformers(Answers.NAME)));
        server.stubFor(get(urlPathMatching("/appreviews/[0-9]+")).withQueryParam("json", equalTo("1"))
                .withQueryParam("num_per_page", equalTo("0")).withQueryParam("language", equalTo("all"))
                .withQueryParam("purchase_type", equalTo("all"))
                .willReturn(aResponse().withTransformers(Answers.NAME)));
    }

    /** Writes the answer for the appid a request asks about; a delay of the stub is kept. */
    public static final class Answers extends StubTransformer {
        public static final String NAME = "store-details-fake-answers";

        public Answers() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = request.getUrl().replaceAll("\\?.*", "");
            String body = path.startsWith("/appreviews/")
                    ? reviewsBody(expected(Integer.parseInt(path.substring("/appreviews/".length()))))
                    : descriptionBody(expected(Integer.parseInt(request.queryParameter("appids").firstValue())));
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body).build();
        }
    }

    public void serveDescription(int appId, ResponseDefinitionBuilder response) {
        server.stubFor(description(appId).willReturn(response));
    }

    public void serveReviews(int appId, ResponseDefinitionBuilder response) {
        server.stubFor(reviews(appId).willReturn(response));
    }

    /** A description that fails once with {@code failure}, then is served. */
    public void failDescriptionOnce(int appId, ResponseDefinitionBuilder failure) {
        String scenario = "description " + appId;
        server.stubFor(description(appId).inScenario(scenario).whenScenarioStateIs("Started")
                .willReturn(failure).willSetStateTo("served"));
        server.stubFor(description(appId).inScenario(scenario).whenScenarioStateIs("served")
                .willReturn(okJson(descriptionBody(expected(appId)))));
    }

    public static ResponseDefinitionBuilder status(int code) {
        return aResponse().withStatus(code).withBody("null");
    }

    public int descriptionRequests() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/api/appdetails"))).size();
    }

    /** The appid of every description request the fake has answered. */
    public List<String> descriptionRequestAppIds() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/api/appdetails"))).stream()
                .map(request -> request.queryParameter("appids").firstValue()).toList();
    }

    public int reviewRequests() {
        return server.findAll(getRequestedFor(urlPathMatching("/appreviews/[0-9]+"))).size();
    }

    /** The answer for one game, as the Store sends it: the appid key, success, and data. */
    public static String descriptionBody(Expected game) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode entry = root.putObject(Integer.toString(game.appId()));
        entry.put("success", game.known());
        if (!game.known()) {
            return root.toString();
        }
        ObjectNode data = entry.putObject("data");
        data.put("type", game.type());
        data.put("name", game.name());
        data.put("steam_appid", game.appId());
        if (game.ageAsText()) {
            data.put("required_age", Integer.toString(game.requiredAge()));
        } else {
            data.put("required_age", game.requiredAge());
        }
        data.put("is_free", game.free());
        if (game.dlcCount() > 0) {
            ArrayNode dlc = data.putArray("dlc");
            for (int k = 1; k <= game.dlcCount(); k++) {
                dlc.add(game.appId() * 100 + k);
            }
        }
        data.put("short_description", "About game " + game.appId() + " &amp; more");
        data.put("supported_languages", languagesHtml(game));
        data.put("header_image", "https://cdn.example.com/" + game.appId() + "/header.jpg");
        data.put("website", game.website());
        game.developers().forEach(data.putArray("developers")::add);
        data.putArray("publishers").add("Publisher " + game.appId() % 7);
        ObjectNode platforms = data.putObject("platforms");
        platforms.put("windows", game.windows()).put("mac", game.mac()).put("linux", game.linux());
        if (game.metacritic() != null) {
            data.putObject("metacritic").put("score", game.metacritic()).put("url", "https://metacritic.example/x");
        }
        if (game.categories() != null) {
            ArrayNode categories = data.putArray("categories");
            for (int k = 0; k < game.categories().size(); k++) {
                categories.addObject().put("id", k + 1).put("description", game.categories().get(k));
            }
        }
        ArrayNode genres = data.putArray("genres");
        game.genres().forEach(name -> genres.addObject().put("id", Integer.toString(name.length())).put("description", name));
        if (game.recommendations() != null) {
            data.putObject("recommendations").put("total", game.recommendations());
        }
        if (game.achievements() != null) {
            data.putObject("achievements").put("total", game.achievements()).putArray("highlighted");
        }
        data.putObject("release_date").put("coming_soon", game.comingSoon()).put("date", game.releaseText());
        if (game.controllerSupport() != null) {
            data.put("controller_support", game.controllerSupport());
        }
        if (game.type().equals("dlc")) {
            data.putObject("fullgame").put("appid", "10").put("name", "Counter-Strike");
        }
        return root.toString();
    }

    private static String languagesHtml(Expected game) {
        List<String> parts = new ArrayList<>();
        for (String name : game.supportedLanguages().split(", ")) {
            parts.add(game.fullAudioLanguages().contains(name) ? name + "<strong>*</strong>" : name);
        }
        return String.join(", ", parts) + "<br><strong>*</strong>languages with full audio support";
    }

    /** The review summary as {@code appreviews/N?json=1&num_per_page=0} sends it; {@code success} 2 when unknown. */
    public static String reviewsBody(Expected game) {
        if (!game.known()) {
            return "{\"success\":2}";
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("success", 1);
        root.putObject("query_summary").put("num_reviews", 0).put("review_score", game.reviewScore())
                .put("review_score_desc", game.reviewLabel()).put("total_positive", game.totalPositive())
                .put("total_negative", game.totalNegative()).put("total_reviews", game.totalReviews());
        root.putArray("reviews");
        root.put("cursor", "*");
        return root.toString();
    }

    private static MappingBuilder description(int appId) {
        return get(urlPathEqualTo("/api/appdetails")).withQueryParam("appids", equalTo(Integer.toString(appId)))
                .withQueryParam("cc", equalTo("us")).withQueryParam("l", equalTo("english"));
    }

    private static MappingBuilder reviews(int appId) {
        return get(urlPathEqualTo("/appreviews/" + appId)).withQueryParam("json", equalTo("1"))
                .withQueryParam("num_per_page", equalTo("0")).withQueryParam("language", equalTo("all"))
                .withQueryParam("purchase_type", equalTo("all"));
    }
}
