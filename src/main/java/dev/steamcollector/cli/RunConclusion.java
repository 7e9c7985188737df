package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.pipeline.Backlog;
import dev.steamcollector.pipeline.RunFrame;
import dev.steamcollector.pipeline.StopSignal;
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
    static Runnable dispatchInto(AtomicReference<String> line, Database database, ApiClients clients,
            StopSignal stop) {
        return () -> clients.dispatchQuietly(database.notifications(), stop).ifPresent(line::set);
    }

    /**
     * The frame of a {@code collect} or {@code prices} run: the lock timeout configured, the queue
     * sent while locked, and the summary printed even when the process ends before the run does.
     */
    static RunFrame frame(RunFrame frame, Settings settings, Runnable whileLocked, PrintWriter out) {
        return frame.lockTimeout(settings.recovery().runLockTimeout())
                .whileLocked(whileLocked)
                .onAbruptEnd(summary -> summary.printTo(out));
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
