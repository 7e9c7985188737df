package dev.steamcollector.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.testing.TestApis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries, throttle pauses and the circuit breaker against a real HTTP fake. */
class EndpointClientIT {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    HttpGateway gateway;
    EndpointClient client;
    HttpUrl url;

    @BeforeEach
    void setUp() {
        gateway = TestApis.gateway(server.baseUrl(), RateLimit.parse("test", "100/second"), 3);
        client = gateway.client(Endpoint.STEAMSPY);
        url = HttpUrl.get(server.baseUrl() + "/api.php?request=appdetails&appid=10&key=" + TestApis.API_KEY);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    private String fetch() {
        return client.get(url, "appdetails 10", body -> body);
    }

    private void answer(String state, String next, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo("/api.php")).inScenario("chain").whenScenarioStateIs(state)
                .willReturn(response).willSetStateTo(next));
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        answer(STARTED, "2", aResponse().withStatus(503));
        answer("2", "3", aResponse().withStatus(503));
        answer("3", "4", aResponse().withStatus(200).withBody("{\"appid\":10}"));

        assertThat(fetch()).isEqualTo("{\"appid\":10}");
        assertThat(client.stats()).isEqualTo(new EndpointStats.Snapshot(3, 2, 0, 0));
    }

    @Test
    void givesUpWhenServerErrorsOutlastTheRetries() {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(this::fetch).isInstanceOf(FetchException.Retryable.class).hasMessageContaining("HTTP 500");
        server.verify(4, getRequestedFor(urlPathEqualTo("/api.php")));
    }

    @Test
    void doesNotRetryOn404() {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(this::fetch).isInstanceOf(FetchException.Rejected.class);
        server.verify(1, getRequestedFor(urlPathEqualTo("/api.php")));
    }

    @Test
    void honoursRetryAfterOn429() {
        answer(STARTED, "2", aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("null"));
        answer("2", "3", aResponse().withStatus(200).withBody("{}"));

        assertThat(fetch()).isEqualTo("{}");
        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo("/api.php")));
        assertThat(Duration.between(requests.get(0).getLoggedDate().toInstant(),
                requests.get(1).getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(client.stats().throttlePauses()).isEqualTo(1);
    }

    @Test
    void retriesMalformedJsonAndReportsIt() {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withBody("{\"appid\": 10,")));

        assertThatThrownBy(() -> client.get(url, "appdetails 10", body -> new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(body))).isInstanceOf(FetchException.Retryable.class).hasMessageContaining("malformed answer");
        server.verify(4, getRequestedFor(urlPathEqualTo("/api.php")));
    }

    @Test
    void anErrorOfTheJvmGoesOnUpUnwrappedAndUntried() {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withBody("{}")));

        assertThatThrownBy(() -> client.get(url, "appdetails 10", body -> {
            throw new StackOverflowError("deep");
        })).isInstanceOf(StackOverflowError.class).hasMessage("deep");
        server.verify(1, getRequestedFor(urlPathEqualTo("/api.php")));
    }

    @Test
    void neverPutsTheApiKeyInAMessage() {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(this::fetch).satisfies(e -> assertThat(e.getMessage()).doesNotContain(TestApis.API_KEY));
    }

    @Test
    void opensTheCircuitWhenTheEndpointStaysDown() {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withStatus(502)));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(this::fetch).isInstanceOf(FetchException.Retryable.class);
        }
        int requestsSoFar = server.findAll(getRequestedFor(urlPathEqualTo("/api.php"))).size();

        assertThatThrownBy(this::fetch).isInstanceOf(FetchException.EndpointDown.class);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api.php")))).hasSize(requestsSoFar);
    }

    @Test
    void throttleAndBusyAnswersDoNotUseUpTheRetries() {
        String[] states = {STARTED, "2", "3", "4", "5", "6"};
        for (int i = 0; i < 5; i++) {
            answer(states[i], states[i + 1], i % 2 == 0 ? aResponse().withStatus(429).withBody("null")
                    : aResponse().withStatus(200).withBody("Connection failed: Too many connections"));
        }
        answer("6", "6", aResponse().withStatus(200).withBody("{}"));

        // 3 retries allowed, 5 throttle and busy answers before the good one
        assertThat(fetch()).isEqualTo("{}");
        assertThat(client.stats().requests()).isEqualTo(6);
        assertThat(client.stats().retries()).isEqualTo(5);
        assertThat(client.stats().failures()).isZero();
    }

    @Test
    void theCircuitStaysClosedThroughThrottleAndBusyAnswers() {
        try (HttpGateway quick = new HttpGateway(TestApis.settings(server.baseUrl(), RateLimit.parse("test", "100/second")),
                new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), 2),
                Ticker.SYSTEM, "steam-collector/test")) {
            EndpointClient busyClient = quick.client(Endpoint.STEAMSPY);
            server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withStatus(429).withBody("null")));
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> busyClient.get(url, "appdetails 10", body -> body))
                        .isInstanceOf(FetchException.Throttled.class);
            }
            server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withBody("Connection failed: Too many connections")));
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> busyClient.get(url, "appdetails 10", body -> body))
                        .isInstanceOf(FetchException.Busy.class);
            }

            // the breaker opens after 2 failed requests, yet 6 requests ended throttled or busy (the busy
            // ones after more tries: those that lowered the pace on its way to the floor do not count)
            server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withBody("{}")));
            String answer = busyClient.get(url, "appdetails 10", body -> body);
            assertThat(answer).isEqualTo("{}");
            assertThat(busyClient.stats().requests()).isGreaterThanOrEqualTo(6L * RetryPolicy.SIGNALLED_TRIES + 1);
        }
    }

    @Nested
    class WhenTheEndpointSaysTooFast {

        @Test
        void itsPaceIsCutForEveryWorkerAndTheMetricsHearOfIt() {
            List<Double> paces = new java.util.concurrent.CopyOnWriteArrayList<>();
            RequestListener listener = new RequestListener() {
                @Override
                public void requestFinished(Endpoint endpoint, String status, Duration duration) {
                }

                @Override
                public void paceChanged(Endpoint endpoint, double perSecond) {
                    if (endpoint == Endpoint.STEAMSPY) {
                        paces.add(perSecond);
                    }
                }
            };
            try (HttpGateway watched = new HttpGateway(TestApis.settings(server.baseUrl(),
                    RateLimit.parse("test", "100/second")), TestApis.fastPolicy(3), Ticker.SYSTEM, "test", listener)) {
                EndpointClient watchedClient = watched.client(Endpoint.STEAMSPY);
                answer(STARTED, "2", aResponse().withStatus(429).withBody("null"));
                answer("2", "2", aResponse().withStatus(200).withBody("{}"));

                String answer = watchedClient.get(url, "appdetails 10", body -> body);
                assertThat(answer).isEqualTo("{}");

                assertThat(watchedClient.gate().pace().perSecond()).isLessThan(100.0 * 0.75);
                assertThat(paces.getFirst()).isEqualTo(100.0);
                assertThat(paces).contains(100.0 * PaceController.CUT);
                assertThat(watchedClient.stats().throttlePauses()).isEqualTo(1);
            }
        }

        @Test
        void a403AfterA429IsAThrottleNotARefusal() {
            answer(STARTED, "2", aResponse().withStatus(429).withBody("null"));
            answer("2", "3", aResponse().withStatus(403).withBody("<html>Access Denied</html>"));
            answer("3", "4", aResponse().withStatus(200).withBody("{}"));

            assertThat(fetch()).isEqualTo("{}");
            assertThat(client.stats().throttlePauses()).isEqualTo(2);
        }

        @Test
        void anHtmlBodyIsAThrottleSignalAnEmptyOneBusyJudgedByHowOftenItComes() {
            answer(STARTED, "2", aResponse().withStatus(200).withBody(""));
            answer("2", "3", aResponse().withStatus(200).withBody("<!DOCTYPE html><html></html>"));
            answer("3", "4", aResponse().withStatus(200).withBody("{}"));

            assertThat(fetch()).isEqualTo("{}");
            assertThat(client.stats().throttlePauses()).isEqualTo(1);
        }
    }

    @Nested
    class WhenSteamSpyIsBusy {

        @Test
        void theTooManyConnectionsBodyIsRetriedAfterABriefPauseOfThatRequestAlone() throws Exception {
            answer(STARTED, "2", aResponse().withStatus(200).withBody("Connection failed: Too many connections"));
            answer("2", "2", aResponse().withStatus(200).withBody("{}"));

            ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
            Future<String> first = workers.submit(EndpointClientIT.this::fetch);
            Future<String> second = workers.submit(EndpointClientIT.this::fetch);
            assertThat(first.get()).isEqualTo("{}");
            assertThat(second.get()).isEqualTo("{}");
            workers.shutdown();

            assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api.php")))).hasSize(3);
            assertThat(client.stats().throttlePauses()).isZero();
            assertThat(client.stats().retries()).isEqualTo(1);
            assertThat(client.gate().pace().snapshot(java.time.Instant.now()).slowdowns()).isZero();
        }
    }
}
