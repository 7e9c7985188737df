package dev.steamcollector.metrics;

import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.RequestListener;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.RunStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus metrics of one process, in a registry of its own. Label values:
 * {@code task} is {@code collect}, {@code prices} or {@code notify}; a game's {@code status} is
 * {@code success}, {@code not_found} or {@code failed}; {@code endpoint} is an {@link Endpoint#label()};
 * a request's {@code status} is as {@link RequestListener} says; {@code queue} is {@link #DETAILS_DUE}
 * or {@link #NOTIFICATIONS}. {@code steam_pipeline_status} is 1 while a task runs, then 0 when it
 * succeeded, -1 when it failed, -2 when it was interrupted.
 */
public final class Metrics implements RequestListener {

    public static final String GAMES_PROCESSED = "steam_games_processed_total";
    public static final String API_REQUESTS = "steam_api_requests_total";
    public static final String API_REQUEST_DURATION = "steam_api_request_duration_seconds";
    public static final String TASK_DURATION = "steam_task_duration_seconds";
    public static final String PIPELINE_STATUS = "steam_pipeline_status";
    public static final String QUEUE_SIZE = "steam_queue_size";
    public static final String LAST_SUCCESS = "steam_last_success_timestamp_seconds";

    /** Every metric this program emits; a histogram's series add {@code _bucket}, {@code _sum} and {@code _count}. */
    public static final List<String> NAMES = List.of(GAMES_PROCESSED, API_REQUESTS, API_REQUEST_DURATION,
            TASK_DURATION, PIPELINE_STATUS, QUEUE_SIZE, LAST_SUCCESS);

    /** Active games whose details an incremental run would fetch now. */
    public static final String DETAILS_DUE = "details_due";
    /** Price-change announcements not yet sent to Discord. */
    public static final String NOTIFICATIONS = "notifications";
    /** Change events waiting for Kafka. */
    public static final String EVENTS = "events";

    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final Map<RunStatus, Integer> STATUS_VALUES = Map.of(
            RunStatus.RUNNING, 1, RunStatus.SUCCEEDED, 0, RunStatus.FAILED, -1, RunStatus.INTERRUPTED, -2);

    private final Clock clock;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter gamesProcessed = Counter.builder().name(GAMES_PROCESSED)
            .help("Games processed, by task and outcome").labelNames("task", "status").register(registry);
    private final Counter apiRequests = Counter.builder().name(API_REQUESTS)
            .help("HTTP attempts (retries included), by endpoint and HTTP status, 'throttled' or 'error'")
            .labelNames("endpoint", "status").register(registry);
    private final Histogram apiRequestDuration = Histogram.builder().name(API_REQUEST_DURATION)
            .help("Duration of HTTP attempts from leaving the rate gate to the end of the answer")
            .labelNames("endpoint").classicOnly()
            .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60).register(registry);
    private final Gauge taskDuration = Gauge.builder().name(TASK_DURATION)
            .help("Duration of the task's last run").labelNames("task").register(registry);
    private final Gauge pipelineStatus = Gauge.builder().name(PIPELINE_STATUS)
            .help("1 running, 0 succeeded, -1 failed, -2 interrupted").register(registry);
    private final Gauge queueSize = Gauge.builder().name(QUEUE_SIZE)
            .help("Work waiting: details_due games, unsent notifications").labelNames("queue").register(registry);
    private final Map<String, Instant> taskStarts = new ConcurrentHashMap<>();
    /** Registered at the first success: a failed run must not report 0 over the last success. */
    private volatile Gauge lastSuccess;

    public Metrics() {
        this(Clock.systemUTC());
    }

    public Metrics(Clock clock) {
        this.clock = clock;
    }

    /** The metrics of {@code task}, its label bound. */
    public TaskMetrics task(String task) {
        return new TaskMetrics(this, task);
    }

    @Override
    public void requestFinished(Endpoint endpoint, String status, Duration duration) {
        apiRequests.labelValues(endpoint.label(), status).inc();
        apiRequestDuration.labelValues(endpoint.label()).observe(seconds(duration));
    }

    public void gameProcessed(String task, FetchStatus status) {
        gamesProcessed.labelValues(task, status.dbValue()).inc();
    }

    public void taskStarted(String task) {
        taskStarts.put(task, clock.instant());
        pipelineStatus.set(STATUS_VALUES.get(RunStatus.RUNNING));
    }

    /** Records how a started task ended; a success also sets the last-success time. */
    public void taskFinished(String task, RunStatus status) {
        Instant now = clock.instant();
        taskDuration.labelValues(task).set(seconds(Duration.between(taskStarts.getOrDefault(task, now), now)));
        pipelineStatus.set(STATUS_VALUES.get(status));
        if (status == RunStatus.SUCCEEDED) {
            lastSucceededAt(now);
        }
    }

    public void queueSize(String queue, long size) {
        queueSize.labelValues(queue).set(size);
    }

    /** Whether any task started: until then there is nothing worth publishing. */
    public boolean anyTaskStarted() {
        return !taskStarts.isEmpty();
    }

    /** Whether this process saw a success: its output then carries the last-success time. */
    boolean succeeded() {
        return lastSuccess != null;
    }

    private synchronized void lastSucceededAt(Instant at) {
        if (lastSuccess == null) {
            lastSuccess = Gauge.builder().name(LAST_SUCCESS)
                    .help("When a task last succeeded, in seconds since the epoch").register(registry);
        }
        lastSuccess.set(at.toEpochMilli() / 1000.0);
    }

    /**
     * Writes the metrics to {@code file} atomically: a reader (node_exporter) sees the old file or
     * the new one, never a part. A process that saw no success keeps the last-success time the file
     * already held.
     */
    public void writeTextFile(Path file) throws IOException {
        TextFile.replace(file, toText(), succeeded() ? Set.of() : Set.of(LAST_SUCCESS));
    }

    /**
     * Pushes the metrics to the Pushgateway at {@code gateway} ({@code http://host:9091}, a path
     * prefix allowed) as the group {@code job}/{@code command}, in the text format. It adds (POST)
     * rather than replaces: a failed run has no last-success time and must not erase the one there.
     */
    public void push(URI gateway, String job, String command) throws IOException {
        String path = gateway.getRawPath() == null ? "" : gateway.getRawPath().replaceAll("/+$", "");
        PushGateway.Builder builder = PushGateway.builder()
                .scheme("https".equalsIgnoreCase(gateway.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
                .address(gateway.getHost() + (gateway.getPort() < 0 ? "" : ":" + gateway.getPort()) + path)
                .job(job)
                .groupingKey("command", command)
                .registry(registry)
                .format(Format.PROMETHEUS_TEXT)
                .connectionTimeout(PUSH_TIMEOUT)
                .readTimeout(PUSH_TIMEOUT);
        if (gateway.getUserInfo() != null) {
            String[] credentials = gateway.getUserInfo().split(":", 2);
            builder.basicAuth(credentials[0], credentials.length > 1 ? credentials[1] : "");
        }
        builder.build().pushAdd();
    }

    /** The metrics in the Prometheus text format (version 0.0.4). */
    public String toText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
