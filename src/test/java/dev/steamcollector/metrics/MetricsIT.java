package dev.steamcollector.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code collect} end to end with metrics pushed to a Pushgateway (WireMock) and written to a textfile. */
class MetricsIT {

    static final String PUSH_PATH = "/metrics/job/steam_collector/command/collect";

    @RegisterExtension
    static WireMockExtension apis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension pushgateway = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path directory;

    SteamSpyFake steamSpy;
    TestDatabase db;
    Path textFile;
    Path collectFile;

    @BeforeEach
    void fakes() {
        steamSpy = new SteamSpyFake(apis);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        pushgateway.stubFor(any(urlPathMatching("/metrics/job/.*")).willReturn(aResponse().withStatus(200)));
        db = TestDatabase.sqlite(directory);
        textFile = directory.resolve("textfile/steam.prom");
        collectFile = directory.resolve("textfile/steam_collect.prom");
    }

    private CliRun collect(Map<String, String> metricsSettings, String... options) {
        Map<String, String> env = new HashMap<>(TestApis.environment(apis.baseUrl(), db.url()));
        env.putAll(metricsSettings);
        List<String> args = new ArrayList<>(List.of("collect"));
        args.addAll(List.of(options));
        return CliRun.run(directory, env, args.toArray(String[]::new));
    }

    private Map<String, String> pushAndTextFile(String gateway) {
        return Map.of("ENABLE_METRICS", "true", "PROMETHEUS_GATEWAY", gateway, "METRICS_TEXTFILE", textFile.toString());
    }

    @Test
    void aRunPushesPrometheusTextAndReplacesItsCommandsTextFileWhole() throws IOException {
        int failing = steamSpy.appId(5);
        steamSpy.serveDetails(failing, SteamSpyFake.status(500));
        Files.createDirectories(collectFile.getParent());
        Files.writeString(collectFile, "# an earlier run's file\n");
        Object inodeBefore = Files.getAttribute(collectFile, "unix:ino");
        Path earlierFile = Files.createLink(directory.resolve("earlier.prom"), collectFile);
        Instant started = Instant.now();

        CliRun run = collect(pushAndTextFile(pushgateway.baseUrl()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<LoggedRequest> pushes = pushgateway.findAll(anyRequestedFor(anyUrl()));
        assertThat(pushes).isNotEmpty().allSatisfy(push -> {
            assertThat(push.getUrl()).isEqualTo(PUSH_PATH);
            assertThat(push.getMethod().getName()).isIn("PUT", "POST");
            assertThat(push.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
        });
        Map<String, Double> pushed = parse(pushes.getLast().getBodyAsString());
        String command = "command=\"collect\",";
        assertThat(pushed)
                .containsEntry("steam_games_processed_total{" + command + "status=\"success\",task=\"collect\"}", 299.0)
                .containsEntry("steam_games_processed_total{" + command + "status=\"failed\",task=\"collect\"}", 1.0)
                .containsEntry("steam_api_requests_total{" + command + "endpoint=\"steamspy\",status=\"200\"}", 299.0)
                // one try and RETRY_ATTEMPTS=2 retries
                .containsEntry("steam_api_requests_total{" + command + "endpoint=\"steamspy\",status=\"500\"}", 3.0)
                .containsEntry("steam_api_requests_total{" + command + "endpoint=\"steamspy_all\",status=\"200\"}", 2.0)
                .containsEntry("steam_api_request_duration_seconds_count{" + command + "endpoint=\"steamspy\"}", 302.0)
                .containsEntry("steam_pipeline_status{command=\"collect\"}", 0.0)
                .containsEntry("steam_queue_size{" + command + "queue=\"details_due\"}", 0.0)
                .containsEntry("steam_queue_size{" + command + "queue=\"notifications\"}", 0.0)
                .containsKey("steam_task_duration_seconds{" + command + "task=\"collect\"}");
        assertThat(pushed.get("steam_last_success_timestamp_seconds{command=\"collect\"}"))
                .isBetween((double) started.getEpochSecond(), (double) Instant.now().getEpochSecond() + 1);

        String text = Files.readString(collectFile);
        assertThat(parse(text)).isEqualTo(pushed);
        assertThat(families(text)).containsExactlyInAnyOrderElementsOf(Metrics.NAMES);
        // replaced by a rename: a new file, the earlier one intact for whoever still reads it, no temporary left
        assertThat(Files.getAttribute(collectFile, "unix:ino")).isNotEqualTo(inodeBefore);
        assertThat(Files.readString(earlierFile)).isEqualTo("# an earlier run's file\n");
        try (Stream<Path> files = Files.list(collectFile.getParent())) {
            assertThat(files).containsExactly(collectFile);
        }
    }

    @Test
    void theCountersContinueFromRunToRunThroughTheDatabase() throws IOException {
        CliRun initial = collect(pushAndTextFile(pushgateway.baseUrl()));
        assertThat(initial.exitCode()).as(initial.err()).isZero();
        Map<String, Double> first = parse(Files.readString(collectFile));

        CliRun second = collect(pushAndTextFile(pushgateway.baseUrl()), "--full-refresh");

        assertThat(second.exitCode()).as(second.err()).isZero();
        Map<String, Double> after = parse(Files.readString(collectFile));
        String pages = "steam_api_requests_total{command=\"collect\",endpoint=\"steamspy_all\",status=\"200\"}";
        String details = "steam_games_processed_total{command=\"collect\",status=\"success\",task=\"collect\"}";
        assertThat(first.get(pages)).isEqualTo(2.0);
        assertThat(after.get(pages)).as("both runs' pages").isEqualTo(4.0);
        assertThat(after.get(details)).as("both runs' games").isEqualTo(2 * first.get(details));
        assertThat(after).allSatisfy((series, value) -> {
            if (first.containsKey(series) && series.contains("_total")) {
                assertThat(value).as(series).isGreaterThanOrEqualTo(first.get(series));
            }
        });
        assertThat(db.queryLong("SELECT CAST(value AS INTEGER) FROM metric_totals WHERE command = 'collect'"
                + " AND metric = 'steam_api_requests_total' AND labels = 'endpoint=\"steamspy_all\",status=\"200\"'"))
                .isEqualTo(after.get(pages).longValue());
    }

    @Test
    void anUnreachableGatewayIsAWarningAndTheRunStillSucceeds() throws IOException {
        String closedPort = "http://127.0.0.1:" + freePort();
        Logger publisherLog = (Logger) LoggerFactory.getLogger(MetricsPublisher.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        publisherLog.addAppender(warnings);
        CliRun run;
        try {
            run = collect(pushAndTextFile(closedPort));
        } finally {
            publisherLog.detachAppender(warnings);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(warnings.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).startsWith("Could not push the metrics");
        });
        assertThat(parse(Files.readString(collectFile))).containsEntry("steam_pipeline_status{command=\"collect\"}", 0.0);
    }

    @Test
    void withoutEnableMetricsNothingIsPushedButTheTextFileIsWritten() {
        CliRun run = collect(Map.of("PROMETHEUS_GATEWAY", pushgateway.baseUrl(), "METRICS_TEXTFILE",
                textFile.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(pushgateway.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(collectFile).exists();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? (\\S+)");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");

    /**
     * Reads the Prometheus text format strictly: every line is {@code # HELP}, {@code # TYPE} or
     * {@code name{labels} value}. Returns the samples, {@code name{labels}} to value.
     */
    static Map<String, Double> parse(String text) {
        assertThat(text).endsWith("\n");
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                assertThat(line).matches(COMMENT);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            String key = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
            samples.put(key, switch (sample.group(3)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(sample.group(3));
            });
        }
        return samples;
    }

    /** The metric families a text declares with {@code # TYPE}. */
    static List<String> families(String text) {
        List<String> names = new ArrayList<>();
        text.lines().map(COMMENT::matcher).filter(m -> m.matches() && m.group(1).equals("TYPE"))
                .forEach(m -> names.add(m.group(2)));
        return names;
    }
}
