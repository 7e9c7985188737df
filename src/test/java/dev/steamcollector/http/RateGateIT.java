package dev.steamcollector.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.testing.RunsAlone;
import dev.steamcollector.testing.TestApis;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests counted where they arrive: no window of the limit's period ever holds more than the limit. */
@RunsAlone("arrivals counted per second at the server, 10 ms from the limit")
class RateGateIT {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void manyWorkersNeverExceedTheLimitInAnyWindow() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api.php")).willReturn(aResponse().withBody("{}").withUniformRandomDelay(5, 40)));
        int perSecond = 20;
        try (HttpGateway gateway = TestApis.gateway(server.baseUrl(), RateLimit.parse("test", perSecond + "/second"), 0);
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            EndpointClient client = gateway.client(Endpoint.STEAMSPY);
            HttpUrl url = HttpUrl.get(server.baseUrl() + "/api.php");
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int worker = 0; worker < 6; worker++) {
                done.add(workers.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        client.get(url, "gate test", body -> body);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }

        List<Long> arrivals = server.findAll(getRequestedFor(urlPathEqualTo("/api.php"))).stream()
                .map(request -> request.getLoggedDate().getTime()).sorted().toList();
        assertThat(arrivals).hasSize(60);
        assertThat(maxInAnyWindow(arrivals, 1_000)).isLessThanOrEqualTo(perSecond);
    }

    private static int maxInAnyWindow(List<Long> sortedMillis, long window) {
        int max = 0;
        int end = 0;
        for (int start = 0; start < sortedMillis.size(); start++) {
            while (end < sortedMillis.size() && sortedMillis.get(end) < sortedMillis.get(start) + window) {
                end++;
            }
            max = Math.max(max, end - start);
        }
        return max;
    }
}
