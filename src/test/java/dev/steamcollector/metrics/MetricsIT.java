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

    @BeforeEach
    void fakes() {
        steamSpy = new SteamSpyFake(apis);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        pushgateway.stubFor(any(urlPathMatching("/metrics/job/.*")).willReturn(aResponse().withStatus(200)));
        db = TestDatabase.sqlite(directory);
        textFile = directory.resolve("textfile/steam.prom");
    }

    private CliRun collect(Map<String, String> metricsSettings) {
        Map<String, String> env = new HashMap<>(TestApis.environment(apis.baseUrl(), db.url()));
        env.putAll(metricsSettings);
        return CliRun.run(directory, env, "collect");
    }

    private Map<String, String> pushAndTextFile(String gateway) {
        return Map.of("ENABLE_METRICS", "true", "PROMETHEUS_GATEWAY", gateway, "METRICS_TEXTFILE", textFile.toString());
    }

    @Test
    void aRunPushesPrometheusTextAndReplacesTheTextFileWhole() throws IOException {
        int failing = steamSpy.appId(5);
        steamSpy.serveDetails(failing, SteamSpyFake.status(500));
        Files.createDirectories(textFile.getParent());
        Files.writeString(textFile, "# an earlier run's file\n");
        Object inodeBefore = Files.getAttribute(textFile, "unix:ino");
        Path earlierFile = Files.createLink(directory.resolve("earlier.prom"), textFile);
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
        assertThat(pushed).containsEntry("steam_games_processed_total{status=\"success\",task=\"collect\"}", 299.0)
                .containsEntry("steam_games_processed_total{status=\"failed\",task=\"collect\"}", 1.0)
                .containsEntry("steam_api_requests_total{endpoint=\"steamspy\",status=\"200\"}", 299.0)
                // one try and RETRY_ATTEMPTS=2 retries
                .containsEntry("steam_api_requests_total{endpoint=\"steamspy\",status=\"500\"}", 3.0)
                .containsEntry("steam_api_requests_total{endpoint=\"steamspy_all\",status=\"200\"}", 2.0)
                .containsEntry("steam_api_request_duration_seconds_count{endpoint=\"steamspy\"}", 302.0)
                .containsEntry("steam_pipeline_status", 0.0)
                .containsEntry("steam_queue_size{queue=\"details_due\"}", 0.0)
                .containsEntry("steam_queue_size{queue=\"notifications\"}", 0.0)
                .containsKey("steam_task_duration_seconds{task=\"collect\"}");
        assertThat(pushed.get("steam_last_success_timestamp_seconds"))
                .isBetween((double) started.getEpochSecond(), (double) Instant.now().getEpochSecond() + 1);

        String text = Files.readString(textFile);
        assertThat(parse(text)).isEqualTo(pushed);
        assertThat(families(text)).containsExactlyInAnyOrderElementsOf(Metrics.NAMES);
        // replaced by a rename: a new file, the earlier one intact for whoever still reads it, no temporary left
        assertThat(Files.getAttribute(textFile, "unix:ino")).isNotEqualTo(inodeBefore);
        assertThat(Files.readString(earlierFile)).isEqualTo("# an earlier run's file\n");
        try (Stream<Path> files = Files.list(textFile.getParent())) {
            assertThat(files).containsExactly(textFile);
        }
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
        assertThat(parse(Files.readString(textFile))).containsEntry("steam_pipeline_status", 0.0);
    }

    @Test
    void withoutEnableMetricsNothingIsPushedButTheTextFileIsWritten() {
        CliRun run = collect(Map.of("PROMETHEUS_GATEWAY", pushgateway.baseUrl(), "METRICS_TEXTFILE",
                textFile.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(pushgateway.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(textFile).exists();
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
