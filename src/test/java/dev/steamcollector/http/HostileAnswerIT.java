package dev.steamcollector.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.config.Secret;
import dev.steamcollector.testing.TestApis;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Answers no real API sends, over real HTTP: a body past any real size, a body that drips. */
class HostileAnswerIT {

    /** Far past what SteamSpy's per-game answer may weigh, sent chunked (no length announced). */
    private static final byte[] THREE_MB = hugeName(3 * 1024 * 1024);

    /** Chunked and never gzipped: a gzipped answer would be held back whole by the server, not dripped. */
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .useChunkedTransferEncoding(ChunkedEncodingPolicy.ALWAYS).gzipDisabled(true))
            .build();

    private HttpGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private EndpointClient steamSpy(String limit, Duration timeout, int retries) {
        RateLimit rate = RateLimit.parse("test", limit);
        URI base = URI.create(server.baseUrl());
        ApiSettings api = new ApiSettings(Optional.of(new Secret(TestApis.API_KEY)), base,
                URI.create(server.baseUrl() + "/api.php"), base, rate, rate, rate, rate, rate, timeout, rate);
        gateway = new HttpGateway(api, TestApis.fastPolicy(retries), Ticker.SYSTEM, "steam-collector/test");
        return gateway.client(Endpoint.STEAMSPY);
    }

    private static String fetch(EndpointClient client, int appId) {
        return client.get(HttpUrl.get(server.baseUrl() + "/api.php?request=appdetails&appid=" + appId),
                "appdetails " + appId, body -> body);
    }

    /** Requests for one appid: each test asks about its own, as an aborted answer may be logged late. */
    private static int requests(int appId) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/api.php")).withQueryParam("appid",
                equalTo(String.valueOf(appId)))).size();
    }

    @Test
    void refusesABodyLargerThanAnyRealAnswerOnceWithoutDownloadingItAgain() {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(THREE_MB)));
        EndpointClient client = steamSpy("100/second", Duration.ofSeconds(10), 3);

        assertThatThrownBy(() -> fetch(client, 10)).isExactlyInstanceOf(FetchException.Invalid.class)
                .hasMessage("SteamSpy appdetails 10: answer larger than 1 MB");
        assertThat(requests(10)).as("an answer too large is not asked again").isEqualTo(1);
        assertThat(client.stats().failures()).isEqualTo(1);
    }

    @Test
    void cutsAnAnswerThatDripsAtTheWholeRequestTimeoutAndRetriesIt() {
        // a chunk every 100 ms: no single read waits anywhere near the 1 s timeout, the whole answer 20 s
        String answer = "{\"appid\":20,\"name\":\"" + "Team Fortress Classic ".repeat(10) + "\"}";
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(okJson(answer).withChunkedDribbleDelay(200, 20_000)));
        EndpointClient client = steamSpy("100/second", Duration.ofSeconds(1), 1);

        assertThatThrownBy(() -> fetch(client, 20)).isExactlyInstanceOf(FetchException.Retryable.class)
                .hasMessage("SteamSpy appdetails 20: timed out");
        assertThat(requests(20)).as("the first try and one retry").isEqualTo(2);
    }

    @Test
    void aLongWaitAtTheRateGateIsNoPartOfTheTimeout() {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(okJson("{\"appid\":30}")));
        // each request after the first waits about 4 s for its turn, four times the timeout; the retries
        // absorb a slow first request on a loaded machine, but each of them waits at the gate again
        EndpointClient client = steamSpy("1/4seconds", Duration.ofSeconds(1), 2);

        assertThat(fetch(client, 30)).isEqualTo("{\"appid\":30}");
        assertThat(fetch(client, 30)).isEqualTo("{\"appid\":30}");
    }

    private static byte[] hugeName(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        byte[] head = "{\"appid\":10,\"name\":\"".getBytes();
        System.arraycopy(head, 0, body, 0, head.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }
}
