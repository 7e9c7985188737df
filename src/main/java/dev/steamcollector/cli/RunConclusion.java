package dev.steamcollector.cli;

import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.Backlog;
import dev.steamcollector.pipeline.RunFrame;
import java.io.PrintWriter;
import java.time.Clock;

/** How {@code collect} and {@code prices} end: summary, queued notifications, backlog metrics, exit code. */
final class RunConclusion {

    private RunConclusion() {
    }

    /** Prints the summary, sends what is queued, measures the backlog, and rethrows a failure for the exit code. */
    static void conclude(RunFrame.RunReport report, Database database, ApiClients clients, Metrics metrics,
            PrintWriter out) {
        report.summary().printTo(out);
        clients.dispatchQuietly(database.prices(), out);
        Backlog.measure(database, Clock.systemUTC(), metrics);
        report.failure().ifPresent(failure -> {
            throw failure;
        });
    }
}
