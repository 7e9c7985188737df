package dev.steamcollector.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alert rules and the dashboard's queries, run by promtool over the series that real
 * runs published: a good {@code collect}, then one where a third of SteamSpy's answers are refused
 * (exit 3), then a good {@code prices}, placed an hour and half an hour apart on Prometheus' clock,
 * as node_exporter's textfile collector and a Pushgateway would have served them.
 */
class PrometheusRulesIT {

    /** The minute at which each run's last publication lands, and the last minute looked at. */
    static final int GOOD_COLLECT = 10;
    static final int FAILING_COLLECT = 70;
    static final int GOOD_PRICES = 100;
    static final int END = 160;
    /** Grafana's $__rate_interval for a 1-minute scrape: four scrapes. */
    static final int RATE_INTERVAL = 4;

    @RegisterExtension
    static WireMockExtension apis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension pushgateway = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path directory;

    final PrometheusTimeline timeline = new PrometheusTimeline();
    final Map<Double, Integer> successMinutes = new HashMap<>();
    TestDatabase db;
    Map<String, String> env;

    @Test
    void alertsFireForTheFailingRunAndTheDashboardCountsEachRunOnce() throws Exception {
        Path promtool = promtool();
        SteamSpyFake steamSpy = new SteamSpyFake(apis);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        pushgateway.stubFor(any(urlPathMatching("/metrics/job/.*")).willReturn(aResponse().withStatus(200)));
        db = TestDatabase.sqlite(directory);
        env = new HashMap<>(TestApis.environment(apis.baseUrl(), db.url()));
        env.putAll(Map.of("ENABLE_METRICS", "true", "PROMETHEUS_GATEWAY", pushgateway.baseUrl(),
                "METRICS_TEXTFILE", directory.resolve("textfile/steam_collector.prom").toString()));

        run(GOOD_COLLECT, 0, "collect");
        for (int i = 0; i < steamSpy.records().size(); i += 3) {
            steamSpy.serveDetails(steamSpy.appId(i), aResponse().withStatus(400).withBody("null"));
        }
        apis.resetRequests();
        run(FAILING_COLLECT, 3, "collect", "--full-refresh");
        Map<String, long[]> failingRequests = requestsByEndpoint();
        long[] failingRun = runCounters(2);
        serveStorePrices(steamSpy);
        run(GOOD_PRICES, 0, "prices");
        timeline.lastSuccessClock(wall -> successMinutes.get(wall) * 60.0);

        Path test = directory.resolve("rules-test.yml");
        Files.writeString(test, rulesTest(failingRun, failingRequests));
        Process process = new ProcessBuilder(promtool.toString(), "test", "rules", test.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as("promtool test rules %s:%n%s", test, output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    /** Runs the command, checks its exit code, and records what it published at {@code minute}. */
    private void run(int minute, int exitCode, String... args) throws IOException {
        int pushesBefore = pushgateway.findAll(anyRequestedFor(anyUrl())).size();
        CliRun run = CliRun.run(directory, env, args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        String command = args[0];
        String text = Files.readString(MetricsPublisher.textFileOf(Path.of(env.get("METRICS_TEXTFILE")), command));
        timeline.textFile(minute, command, text);
        List<LoggedRequest> pushes = pushgateway.findAll(anyRequestedFor(anyUrl()));
        assertThat(pushes.size()).as("pushes of this run").isGreaterThan(pushesBefore);
        pushes.subList(pushesBefore, pushes.size()).forEach(push -> timeline.push(minute, command,
                push.getBodyAsString()));
        MetricsIT.parse(text).forEach((series, value) -> {
            if (series.startsWith(Metrics.LAST_SUCCESS)) {
                successMinutes.putIfAbsent(value, minute);
            }
        });
    }

    /** Every game of the catalogue gets a Store price, 100 games a request, as {@code prices} asks. */
    private static void serveStorePrices(SteamSpyFake steamSpy) {
        List<Integer> ids = steamSpy.records().stream().map(record -> record.get("appid").asInt()).sorted().toList();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Integer> batch = ids.subList(from, Math.min(ids.size(), from + 100));
            String body = batch.stream().map(id -> "\"" + id + "\":{\"success\":true,\"data\":{\"price_overview\":"
                    + "{\"currency\":\"USD\",\"initial\":999,\"final\":999,\"discount_percent\":0}}}")
                    .collect(Collectors.joining(",", "{", "}"));
            apis.stubFor(get(urlPathEqualTo("/api/appdetails"))
                    .withQueryParam("appids", equalTo(batch.stream().map(String::valueOf).collect(Collectors.joining(","))))
                    .willReturn(okJson(body)));
        }
    }

    /** The requests the fake answered since the last reset, by endpoint: {2xx, other}. */
    private static Map<String, long[]> requestsByEndpoint() {
        Map<String, long[]> counts = new HashMap<>();
        for (ServeEvent event : apis.getAllServeEvents()) {
            String request = event.getRequest().queryParameter("request").firstValue();
            String endpoint = request.equals("all") ? "steamspy_all" : "steamspy";
            int status = event.getResponse().getStatus();
            counts.computeIfAbsent(endpoint, any -> new long[2])[status / 100 == 2 ? 0 : 1]++;
        }
        return counts;
    }

    /** The games a run recorded in collection_runs: {succeeded, not found, failed}. */
    private long[] runCounters(long id) {
        return new long[] {
            db.queryLong("SELECT games_succeeded FROM collection_runs WHERE id = " + id),
            db.queryLong("SELECT games_not_found FROM collection_runs WHERE id = " + id),
            db.queryLong("SELECT games_failed FROM collection_runs WHERE id = " + id)};
    }

    private String rulesTest(long[] failingRun, Map<String, long[]> failingRequests) throws IOException {
        StringBuilder yaml = new StringBuilder()
                .append("rule_files:\n  - ").append(Path.of("config/prometheus-alerts.yml").toAbsolutePath()).append('\n')
                .append("evaluation_interval: 1m\ntests:\n  - interval: 1m\n")
                .append(timeline.inputSeries(END))
                .append("    promql_expr_test:\n");
        for (String job : List.of(PrometheusTimeline.NODE_JOB, PrometheusTimeline.PUSH_JOB)) {
            String target = job.equals(PrometheusTimeline.NODE_JOB)
                    ? "job=\"" + job + "\", instance=\"" + PrometheusTimeline.NODE_INSTANCE + "\"" : "job=\"" + job + "\"";
            DashboardQueries queries = new DashboardQueries(job, RATE_INTERVAL + "m", "30m");
            expect(yaml, queries.gamesInRange(), FAILING_COLLECT + 20, gamesBy(failingRun, value -> value));
            expect(yaml, queries.gamesPerMinute(), FAILING_COLLECT + 2,
                    gamesBy(failingRun, value -> 60 * (value / (RATE_INTERVAL * 60.0))));
            expect(yaml, queries.failureRatio(), FAILING_COLLECT + 2, failureRatios(failingRequests));
            // exit 3 is no success: collect's last success is the first run's
            expect(yaml, queries.timeSinceLastSuccess(), GOOD_PRICES + 30, List.of(
                    sample("{command=\"collect\", " + target + "}", (GOOD_PRICES + 30 - GOOD_COLLECT) * 60),
                    sample("{command=\"prices\", " + target + "}", 30 * 60)));
            expect(yaml, queries.pipelineStatus(), GOOD_PRICES + 30, List.of(
                    sample("steam_pipeline_status{command=\"collect\", " + target + "}", -3),
                    sample("steam_pipeline_status{command=\"prices\", " + target + "}", 0)));
        }
        List<String> firing = new ArrayList<>();
        for (String job : List.of(PrometheusTimeline.NODE_JOB, PrometheusTimeline.PUSH_JOB)) {
            firing.add("alertname=\"SteamCollectorApiFailureRate\", endpoint=\"steamspy\", job=\"" + job + "\"");
        }
        List<String> tooManyFailures = List.of(
                "alertname=\"SteamCollectorTooManyGameFailures\", command=\"collect\", job=\"node\", instance=\""
                        + PrometheusTimeline.NODE_INSTANCE + "\"",
                "alertname=\"SteamCollectorTooManyGameFailures\", command=\"collect\", job=\"steam_collector\"");
        firing.addAll(tooManyFailures);
        // the failing run is seen at once; the alerts wait 5 minutes; the ratio's 15-minute window ends
        expect(yaml, "ALERTS{alertstate=\"firing\"}", FAILING_COLLECT + 4, List.of());
        expect(yaml, "ALERTS{alertstate=\"firing\"}", FAILING_COLLECT + 10, alerts(firing));
        // a later successful prices run does not hide the collect run's failures
        expect(yaml, "ALERTS{alertstate=\"firing\"}", GOOD_PRICES + 30, alerts(tooManyFailures));
        expect(yaml, "ALERTS{alertstate=\"firing\"}", GOOD_COLLECT + 30, List.of());
        return yaml.toString();
    }

    private static List<String> gamesBy(long[] run, java.util.function.DoubleUnaryOperator shown) {
        String[] statuses = {"success", "not_found", "failed"};
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            samples.add(sample("{task=\"collect\", status=\"" + statuses[i] + "\"}", shown.applyAsDouble(run[i])));
        }
        return samples;
    }

    /** As the dashboard computes it: failing requests per second over all requests per second. */
    private static List<String> failureRatios(Map<String, long[]> requests) {
        double seconds = RATE_INTERVAL * 60.0;
        List<String> samples = new ArrayList<>();
        requests.forEach((endpoint, counts) -> samples.add(sample("{endpoint=\"" + endpoint + "\"}",
                (counts[1] / seconds) / (counts[0] / seconds + counts[1] / seconds))));
        return samples;
    }

    private static List<String> alerts(List<String> labels) {
        return labels.stream().map(alert -> sample("ALERTS{alertstate=\"firing\", severity=\"warning\", " + alert + "}",
                1)).toList();
    }

    private static String sample(String series, double value) {
        return "          - labels: '" + series + "'\n            value: " + PrometheusTimeline.format(value) + "\n";
    }

    private static void expect(StringBuilder yaml, String expr, int minute, List<String> samples) {
        yaml.append("      - expr: '").append(expr.replace("\n", " ").replace("'", "''")).append("'\n")
                .append("        eval_time: ").append(minute).append("m\n")
                .append("        exp_samples:").append(samples.isEmpty() ? " []\n" : "\n");
        samples.forEach(yaml::append);
    }

    /**
     * promtool from Debian's {@code prometheus} package ({@code .ci/run} installs it). Without it the
     * test is skipped, except in continuous integration, where it must run.
     */
    private static Path promtool() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String missing = "promtool not found on PATH: install Debian's prometheus package (apt-get install prometheus)";
        assertThat(System.getenv("CI")).as(missing).isNull();
        Assumptions.abort(missing + "; the alert rules were not tested");
        return null;
    }
}
