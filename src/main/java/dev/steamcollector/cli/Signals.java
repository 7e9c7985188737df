package dev.steamcollector.cli;

import dev.steamcollector.pipeline.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM ask the run to stop: no new fetches, in-flight ones finish, the batch is
 * committed and the run recorded as interrupted. A second signal quits at once; the database
 * stays consistent either way, as every batch is one transaction.
 */
final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void install(StopSignal stop) {
        handle("INT", StopSignal.Reason.SIGINT, ExitCodes.INTERRUPTED, stop);
        handle("TERM", StopSignal.Reason.SIGTERM, ExitCodes.TERMINATED, stop);
    }

    private static void handle(String name, StopSignal.Reason reason, int exitCode, StopSignal stop) {
        try {
            Signal.handle(new Signal(name), signal -> {
                if (stop.interrupted()) {
                    Runtime.getRuntime().halt(exitCode);
                }
                log.warn("SIG{} received: finishing in-flight requests and saving; send it again to quit now", name);
                stop.request(reason);
            });
        } catch (IllegalArgumentException unsupported) {
            log.debug("Cannot handle SIG{} here", name);
        }
    }
}
