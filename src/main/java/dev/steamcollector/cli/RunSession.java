package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.metrics.MetricsPublisher;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.Backlog;
import dev.steamcollector.pipeline.RunFrame;
import dev.steamcollector.pipeline.StopSignal;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What {@code collect} and {@code prices} share from start to end: the signal handlers, the
 * metrics and their publisher, the database (migrated when behind), the API clients, the
 * {@link RunFrame} their work runs in, and how a run ends (summary, notifications sent, backlog
 * metrics, exit code). Closing it closes the clients, then the database, then publishes the
 * metrics a last time.
 */
final class RunSession implements AutoCloseable {

    private final String task;
    private final Settings settings;
    private final StopSignal stop;
    private final Metrics metrics;
    private final MetricsPublisher publisher;
    private final Database database;
    private final ApiClients clients;

    private RunSession(String task, Settings settings, StopSignal stop, Metrics metrics, MetricsPublisher publisher,
            Database database, ApiClients clients) {
        this.task = task;
        this.settings = settings;
        this.stop = stop;
        this.metrics = metrics;
        this.publisher = publisher;
        this.database = database;
        this.clients = clients;
    }

    /** Installs the signal handlers, starts the metrics, opens the database and migrates it if behind. */
    static RunSession open(Settings settings, String task) {
        StopSignal stop = new StopSignal();
        Signals.install(stop);
        Metrics metrics = new Metrics();
        // the first resource, closed last: its final publish sees the whole run, notifications included
        MetricsPublisher publisher = MetricsPublisher.start(settings.metrics(), metrics, task);
        Database database = null;
        ApiClients clients = null;
        try {
            database = Database.open(settings.database());
            clients = new ApiClients(settings, metrics);
            database.migrations().applyIfBehind();
            return new RunSession(task, settings, stop, metrics, publisher, database, clients);
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

    /** The frame the task's run goes in; before it lets go of the lock it sends the queued notifications. */
    RunFrame frame() {
        return new RunFrame(database, clients.gateway(), Clock.systemUTC(), stop, metrics.task(task))
                .whileLocked(() -> clients.dispatchQuietly(database.prices()));
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
        Backlog.measure(database, Clock.systemUTC(), metrics, settings.pipeline().storeDetails());
        report.failure().ifPresent(failure -> {
            throw failure;
        });
        return ExitCodes.DONE;
    }

    @Override
    public void close() {
        closeAll(publisher, database, clients);
    }

    /** Closes in reverse order, the clients first and the publisher last; a null one is skipped. */
    private static void closeAll(MetricsPublisher publisher, Database database, ApiClients clients) {
        try (publisher; database; clients) {
            // closing is all
        }
    }
}
