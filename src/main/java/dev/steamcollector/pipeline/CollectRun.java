package dev.steamcollector.pipeline;

import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.persistence.RunRepository;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code collect} run: recorded in {@code collection_runs} from start to finish, whatever happens. */
public final class CollectRun {

    private static final Logger log = LoggerFactory.getLogger(CollectRun.class);

    private final RunRepository runs;
    private final HttpGateway http;
    private final AppListCollector appList;
    private final AppListSource source;
    private final Clock clock;

    public CollectRun(RunRepository runs, HttpGateway http, AppListCollector appList, AppListSource source,
            Clock clock) {
        this.runs = runs;
        this.http = http;
        this.appList = appList;
        this.source = source;
        this.clock = clock;
    }

    /** Runs the steps; a failure ends the run as {@code failed} and comes back in the report. */
    public RunReport execute(String mode) {
        Instant started = clock.instant();
        long id = runs.start(mode, ProcessHandle.current().pid(), hostName(), started);
        RunTally tally = new RunTally();
        RuntimeException failure = null;
        try {
            appList.collect(source, tally);
        } catch (RuntimeException e) {
            failure = e;
            log.debug("Run {} failed", id, e);
        }
        RunStatus status = failure == null ? RunStatus.SUCCEEDED : RunStatus.FAILED;
        String message = failure == null ? null : failure.getMessage();
        RunCounters counters = tally.snapshot(http.stats().values());
        Instant finished = clock.instant();
        runs.finish(id, status, counters, message, finished);
        RunSummary summary = new RunSummary(id, mode, status, Duration.between(started, finished), counters,
                http.stats(), message);
        return new RunReport(summary, Optional.ofNullable(failure));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** A run's summary and, when it failed, why. */
    public record RunReport(RunSummary summary, Optional<RuntimeException> failure) {
    }
}
