package dev.steamcollector.cli;

import dev.steamcollector.events.RunRelay;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.Backlog;
import dev.steamcollector.pipeline.RunFrame;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/** How {@code collect} and {@code prices} end: summary, queued notifications, backlog metrics, exit code. */
final class RunConclusion {

    private RunConclusion() {
    }

    /**
     * Sends the queued notifications; run while the run lock is held, so that no other process
     * posts the same ones. Returns the line to print after the summary, if any.
     */
    static Runnable dispatchInto(AtomicReference<String> line, Database database, ApiClients clients) {
        return () -> clients.dispatchQuietly(database.prices()).ifPresent(line::set);
    }

    /** The same, then the change events of the run (and any backlog) to Kafka, when configured. */
    static Runnable dispatchInto(AtomicReference<String> line, Database database, ApiClients clients,
            RunRelay events) {
        Runnable discord = dispatchInto(line, database, clients);
        return () -> {
            try {
                discord.run();
            } finally {
                events.finish().ifPresent(relayed ->
                        line.set(line.get() == null ? relayed : line.get() + System.lineSeparator() + relayed));
            }
        };
    }

    /** Prints the summary and what was sent, measures the backlog, and rethrows a failure for the exit code. */
    static void conclude(RunFrame.RunReport report, Database database, AtomicReference<String> sent,
            Metrics metrics, PrintWriter out) {
        report.summary().printTo(out);
        if (sent.get() != null) {
            out.println(sent.get());
            out.flush();
        }
        Backlog.measure(database, Clock.systemUTC(), metrics);
        report.failure().ifPresent(failure -> {
            throw failure;
        });
    }
}
