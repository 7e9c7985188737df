package dev.steamcollector.metrics;

import dev.steamcollector.config.MetricsSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a command's metrics where the settings say: to a textfile of its own beside
 * {@code METRICS_TEXTFILE} when that is set ({@link #textFileOf}), to the Pushgateway when
 * {@code ENABLE_METRICS} is true; about every minute while the command runs and once more when it
 * ends, each time after saving the counters' totals. Nothing is published before a task started (a
 * run that found the lock held must not overwrite the running one's figures). A failure to save,
 * write or push is a warning, never a failed run.
 */
public final class MetricsPublisher implements AutoCloseable {

    /** The Pushgateway job; each command is a group of it ({@code command="collect"}, …). */
    public static final String JOB = "steam_collector";
    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(MetricsPublisher.class);

    private final Metrics metrics;
    private final Optional<Path> configuredTextFile;
    private final Optional<Path> textFile;
    private final Optional<URI> gateway;
    private final ScheduledExecutorService timer;
    private boolean savingFailing;
    private boolean textFileFailing;
    private boolean pushFailing;

    MetricsPublisher(MetricsSettings settings, Metrics metrics, Duration interval) {
        this.metrics = metrics;
        this.configuredTextFile = settings.textFile();
        this.textFile = configuredTextFile.map(file -> textFileOf(file, metrics.command()));
        this.gateway = settings.enabled() ? settings.pushGateway() : Optional.empty();
        if (textFile.isEmpty() && gateway.isEmpty()) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon(true).name("metrics-publisher").factory());
        timer.scheduleWithFixedDelay(this::publish, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts publishing {@code metrics} as {@code settings} say; close to publish the last time. */
    public static MetricsPublisher start(MetricsSettings settings, Metrics metrics) {
        return new MetricsPublisher(settings, metrics, INTERVAL);
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * The textfile of {@code command}: {@code METRICS_TEXTFILE} with the command before its
     * extension ({@code steam_collector.prom} gives {@code steam_collector_collect.prom}), so that
     * each command's last run stays visible whichever ran last.
     */
    public static Path textFileOf(Path configured, String command) {
        String name = configured.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String own = dot > 0 ? name.substring(0, dot) + "_" + command + name.substring(dot) : name + "_" + command;
        return configured.resolveSibling(own);
    }

    /** Saves the counters' totals, then writes the textfile and pushes, as configured, once a task has started. */
    public synchronized void publish() {
        if (!metrics.anyTaskStarted() || textFile.isEmpty() && gateway.isEmpty()) {
            return;
        }
        try {
            metrics.saveTotals();
            savingFailing = false;
        } catch (RuntimeException e) {
            // the last saved totals are published: a counter never goes back
            savingFailing = warnOnce(savingFailing, "Could not save the metric totals", e);
        }
        textFile.ifPresent(file -> {
            try {
                metrics.writeTextFile(file);
                TextFile.removeEarlierCombinedFile(configuredTextFile.orElseThrow(), file);
                textFileFailing = false;
            } catch (IOException | RuntimeException e) {
                textFileFailing = warnOnce(textFileFailing, "Could not write the metrics to " + file, e);
            }
        });
        gateway.ifPresent(url -> {
            try {
                metrics.push(url, JOB);
                pushFailing = false;
            } catch (IOException | RuntimeException e) {
                pushFailing = warnOnce(pushFailing, "Could not push the metrics", e);
            }
        });
    }

    /** A warning the first time, then debug lines until it works again: a long run must not repeat it every minute. */
    private static boolean warnOnce(boolean alreadyFailing, String what, Exception e) {
        if (alreadyFailing) {
            log.debug("{} (still): {}", what, describe(e));
        } else {
            log.warn("{} ({}); the run goes on without it", what, describe(e));
        }
        return true;
    }

    private static String describe(Exception e) {
        // a file system error's message is only the path
        return e instanceof FileSystemException || e.getMessage() == null
                ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
    }

    /**
     * Publishes one last time. A publication under way is let finish, not interrupted: a save cut
     * short while its transaction still commits would be added again by the next one.
     */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publish();
    }
}
