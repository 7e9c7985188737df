package dev.steamcollector.metrics;

import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.RequestListener;
import dev.steamcollector.model.FetchStatus;
import dev.steamcollector.model.DataAge;
import io.prometheus.metrics.core.metrics.Gauge;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus metrics of one command ({@code collect}, {@code prices}, {@code notify}), in a
 * registry of its own; every series carries the label {@code command}. The counters and the
 * histogram are totals over all the command's runs ({@link RunningTotals}), kept in a
 * {@link CounterStore}; the gauges hold the latest run's results. Label values: {@code task} is the
 * command; a game's {@code status} is {@code success}, {@code not_found} or {@code failed};
 * {@code endpoint} is an {@link Endpoint#label()} (and {@code steam_endpoint_pace} carries each
 * endpoint's pace in requests per second); a request's {@code status} is as
 * {@link RequestListener} says; {@code queue} is {@link #DETAILS_DUE}, {@link #NOTIFICATIONS},
 * {@link #STORE_DETAILS_DUE} or {@link #STORE_REVIEWS_DUE}.
 * {@code steam_pipeline_status} is 1 while a task runs, then its {@link TaskOutcome} value.
 */
public final class Metrics implements RequestListener {

    public static final String GAMES_PROCESSED = "steam_games_processed_total";
    public static final String API_REQUESTS = "steam_api_requests_total";
    public static final String API_REQUEST_DURATION = "steam_api_request_duration_seconds";
    public static final String TASK_DURATION = "steam_task_duration_seconds";
    public static final String PIPELINE_STATUS = "steam_pipeline_status";
    public static final String QUEUE_SIZE = "steam_queue_size";
    public static final String LAST_SUCCESS = "steam_last_success_timestamp_seconds";
    public static final String ENDPOINT_PACE = "steam_endpoint_pace";
    public static final String DATA_AGE = "steam_data_age_seconds";

    /** Every metric this program emits; a histogram's series add {@code _bucket}, {@code _sum} and {@code _count}. */
    public static final List<String> NAMES = List.of(GAMES_PROCESSED, API_REQUESTS, API_REQUEST_DURATION,
            TASK_DURATION, PIPELINE_STATUS, QUEUE_SIZE, LAST_SUCCESS, ENDPOINT_PACE, DATA_AGE);

    /** Active games whose details an incremental run would fetch now. */
    public static final String DETAILS_DUE = "details_due";
    /** Price-change announcements not yet sent to Discord. */
    public static final String NOTIFICATIONS = "notifications";
    /** Change events waiting for Kafka. */
    public static final String EVENTS = "events";
    /** Active games whose Store description an incremental run would fetch now. */
    public static final String STORE_DETAILS_DUE = "store_details_due";
    /** Active games whose Store review summary an incremental run would fetch now. */
    public static final String STORE_REVIEWS_DUE = "store_reviews_due";
    /** Active games the Store catalogue would describe now. */
    public static final String STORE_CATALOGUE_DUE = "store_catalogue_due";

    /**
     * The request statuses every endpoint a command uses shows from its first request on, at 0 until
     * they happen: a failure's series then exists before its first failure, and rate() counts it.
     */
    static final List<String> USUAL_STATUSES = List.of("200", "400", "403", "404", "429", "500", "502", "503",
            "504", "throttled", "error");
    static final RunningTotals.Family GAMES = new RunningTotals.Family(GAMES_PROCESSED,
            "Games processed, by task and outcome; a total over all runs", new double[0]);
    static final RunningTotals.Family REQUESTS = new RunningTotals.Family(API_REQUESTS,
            "HTTP attempts (retries included), by endpoint and HTTP status, 'throttled' or 'error'; a total over all runs",
            new double[0]);
    static final RunningTotals.Family DURATIONS = new RunningTotals.Family(API_REQUEST_DURATION,
            "Duration of HTTP attempts from leaving the rate gate to the end of the answer; over all runs",
            new double[] {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, Double.POSITIVE_INFINITY});

    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Metrics.class);

    private final String command;
    private final CounterStore store;
    private final Clock clock;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RunningTotals totals;
    private final Gauge taskDuration = Gauge.builder().name(TASK_DURATION)
            .help("Duration of the task's last run").labelNames("command", "task").register(registry);
    private final Gauge pipelineStatus = Gauge.builder().name(PIPELINE_STATUS)
            .help("1 running; then 0 succeeded, -1 failed, -2 interrupted, -3 done but too many games failed (exit 3)")
            .labelNames("command").register(registry);
    private final Gauge queueSize = Gauge.builder().name(QUEUE_SIZE)
            .help("Work waiting: details_due games, unsent notifications, events, store_details_due, store_reviews_due and store_catalogue_due games").labelNames("command", "queue")
            .register(registry);
    private final Gauge endpointPace = Gauge.builder().name(ENDPOINT_PACE)
            .help("Requests per second in force at the endpoint's gate; below the configured limit after throttling")
            .labelNames("command", "endpoint").register(registry);
    private final Gauge dataAge = Gauge.builder().name(DATA_AGE)
            .help("Age of the active games' data by source: quantile 0.5 (median), 0.95, and 1 (the oldest)")
            .labelNames("command", "source", "quantile").register(registry);
    private final Map<String, Instant> taskStarts = new ConcurrentHashMap<>();
    private final Set<String> endpointsSeen = ConcurrentHashMap.newKeySet();
    /** Registered at the first success: a process without one must not report 0 over the last success. */
    private volatile Gauge lastSuccess;

    /** The metrics of {@code command}, its counters starting from zero. */
    public Metrics(String command) {
        this(command, CounterStore.NONE, Clock.systemUTC());
    }

    /** The metrics of {@code command}, its counters continuing the totals kept in {@code store}. */
    public Metrics(String command, CounterStore store, Clock clock) {
        this.command = command;
        this.store = store;
        this.clock = clock;
        this.totals = new RunningTotals(command, List.of(GAMES, REQUESTS, DURATIONS));
        registry.register(totals);
    }

    public String command() {
        return command;
    }

    /** The metrics of {@code task}, its label bound. */
    public TaskMetrics task(String task) {
        return new TaskMetrics(this, task);
    }

    @Override
    public void requestFinished(Endpoint endpoint, String status, Duration duration) {
        Map<String, String> labels = Map.of("endpoint", endpoint.label());
        if (endpointsSeen.add(endpoint.label())) {
            USUAL_STATUSES.forEach(usual -> totals.add(API_REQUESTS, Map.of("endpoint", endpoint.label(),
                    "status", usual), 0));
            totals.touch(DURATIONS, labels);
        }
        totals.add(API_REQUESTS, Map.of("endpoint", endpoint.label(), "status", status), 1);
        totals.observe(DURATIONS, labels, seconds(duration));
    }

    @Override
    public void paceChanged(Endpoint endpoint, double perSecond) {
        endpointPace.labelValues(command, endpoint.label()).set(perSecond);
    }

    public void gameProcessed(String task, FetchStatus status) {
        totals.add(GAMES_PROCESSED, Map.of("task", task, "status", status.dbValue()), 1);
    }

    /**
     * Marks {@code task} as running. The first task also restores the counters' totals: called once
     * the run lock is held, so no other run of the command is adding to them.
     */
    public void taskStarted(String task) {
        if (!totals.restored()) {
            try {
                totals.restore(store);
            } catch (RuntimeException e) {
                log.warn("Could not read the metric totals ({}); this run publishes no counters", e.getMessage());
                log.debug("Reading the metric totals failed", e);
            }
        }
        for (FetchStatus status : List.of(FetchStatus.SUCCESS, FetchStatus.NOT_FOUND, FetchStatus.FAILED)) {
            totals.add(GAMES_PROCESSED, Map.of("task", task, "status", status.dbValue()), 0);
        }
        taskStarts.put(task, clock.instant());
        pipelineStatus.labelValues(command).set(1);
    }

    /** Records how a started task ended; only a success sets the last-success time. */
    public void taskFinished(String task, TaskOutcome outcome) {
        Instant now = clock.instant();
        taskDuration.labelValues(command, task)
                .set(seconds(Duration.between(taskStarts.getOrDefault(task, now), now)));
        pipelineStatus.labelValues(command).set(outcome.statusValue());
        if (outcome == TaskOutcome.SUCCEEDED) {
            lastSucceededAt(now);
        }
    }

    /** The age of one source's data: median, 95th percentile and oldest; nothing while it has none. */
    public void dataAge(DataAge age) {
        age.median().ifPresent(median -> dataAge.labelValues(command, age.source(), "0.5").set(median.toSeconds()));
        age.p95().ifPresent(p95 -> dataAge.labelValues(command, age.source(), "0.95").set(p95.toSeconds()));
        age.oldest().ifPresent(oldest -> dataAge.labelValues(command, age.source(), "1").set(oldest.toSeconds()));
    }

    public void queueSize(String queue, long size) {
        queueSize.labelValues(command, queue).set(size);
    }

    /** Whether any task started: until then there is nothing worth publishing. */
    public boolean anyTaskStarted() {
        return !taskStarts.isEmpty();
    }

    /** Adds what the counters gained since the last save to the kept totals; publications show the saved totals. */
    public void saveTotals() {
        totals.save(store);
    }

    /** Whether this process saw a success: its output then carries the last-success time. */
    boolean succeeded() {
        return lastSuccess != null;
    }

    private synchronized void lastSucceededAt(Instant at) {
        if (lastSuccess == null) {
            lastSuccess = Gauge.builder().name(LAST_SUCCESS)
                    .help("When the command last succeeded, in seconds since the epoch")
                    .labelNames("command").register(registry);
        }
        lastSuccess.labelValues(command).set(at.toEpochMilli() / 1000.0);
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
    public void push(URI gateway, String job) throws IOException {
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
