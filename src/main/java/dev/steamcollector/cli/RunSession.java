package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.events.RunRelay;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.metrics.MetricsPublisher;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.Backlog;
import dev.steamcollector.pipeline.RunFrame;
import dev.steamcollector.pipeline.StopSignal;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;

/**
 * What {@code collect} and {@code prices} share from start to end: the signal handlers, the
 * metrics and their publisher, the database (migrated when behind), the API clients, the
 * {@link RunFrame} their work runs in, and how a run ends (summary, notifications sent, backlog
 * metrics, exit code). Closing it closes the clients, then publishes the metrics a last time
 * (saving their totals), then closes the database.
 */
final class RunSession implements AutoCloseable {

    private final String task;
    private final Settings settings;
    private final StopSignal stop;
    private final Metrics metrics;
    private final MetricsPublisher publisher;
    private final Database database;
    private final ApiClients clients;
    private final RunRelay events;

    private RunSession(String task, Settings settings, StopSignal stop, Metrics metrics, MetricsPublisher publisher,
            Database database, ApiClients clients) {
        this.task = task;
        this.settings = settings;
        this.stop = stop;
        this.metrics = metrics;
        this.publisher = publisher;
        this.database = database;
        this.clients = clients;
        this.events = RunRelay.start(settings.events(), database, Clock.systemUTC());
    }

    /** Installs the signal handlers, starts the metrics, opens the database and migrates it if behind. */
    static RunSession open(Settings settings, String task) {
        StopSignal stop = new StopSignal();
        Signals.install(stop);
        Database database = Database.open(settings.database(), settings.recovery().databaseReconnect());
        MetricsPublisher publisher = null;
        ApiClients clients = null;
        try {
            // the publisher closes after the run, notifications included, and before the database: its
            // last publication saves the counters' totals there
            publisher = CommandMetrics.start(settings, database, task);
            clients = new ApiClients(settings, publisher.metrics());
            database.migrations().applyIfBehind();
            return new RunSession(task, settings, stop, publisher.metrics(), publisher, database, clients);
        } catch (RuntimeException e) {
            closeAll(publisher, database, clients);
            throw e;
        }
    }

    StopSignal stop() {
        return stop;
    }

    Metrics metrics() {
        return metrics;
    }

    Database database() {
        return database;
    }

    ApiClients clients() {
        return clients;
    }

    /**
     * The frame the task's run goes in: the lock timeout configured, the queued notifications sent
     * before it lets go of the lock, and the summary printed to {@code out} even when the process
     * ends before the run does.
     */
    RunFrame frame(PrintWriter out) {
        return new RunFrame(database, clients.gateway(), Clock.systemUTC(), stop, metrics.task(task))
                .lockTimeout(settings.recovery().runLockTimeout())
                .whileLocked(this::whileLocked)
                .onAbruptEnd(summary -> summary.printTo(out));
    }

    /** The queued notifications to Discord, then the change events to Kafka; the lines to print after the summary. */
    private Optional<String> whileLocked() {
        Optional<String> sent = clients.dispatchQuietly(database.notifications(), stop);
        Optional<String> relayed = events.finish();
        if (sent.isPresent() && relayed.isPresent()) {
            return Optional.of(sent.get() + System.lineSeparator() + relayed.get());
        }
        return sent.isPresent() ? sent : relayed;
    }

    /**
     * Prints the summary and what was sent, measures the backlog, and returns the exit code of a
     * run that simply succeeded; any other ending is thrown, for the exit code mapper.
     */
    int conclude(RunFrame.RunReport report, PrintWriter out) {
        report.summary().printTo(out);
        report.note().ifPresent(line -> {
            out.println(line);
            out.flush();
        });
        Backlog.measure(database, Clock.systemUTC(), metrics, settings.pipeline().storeDetails(),
                settings.storeCountryCodes());
        report.failure().ifPresent(failure -> {
            throw failure;
        });
        return ExitCodes.DONE;
    }

    @Override
    public void close() {
        events.close();
        closeAll(publisher, database, clients);
    }

    /** Closes in reverse order: the clients, then the publisher (saving the totals), then the database; a null one is skipped. */
    private static void closeAll(MetricsPublisher publisher, Database database, ApiClients clients) {
        try (database; publisher; clients) {
            // closing is all
        }
    }
}
