package dev.steamcollector.cli;

import dev.steamcollector.pipeline.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT, SIGTERM and SIGHUP (the terminal or ssh session went away) ask the run to stop: no new
 * fetches, in-flight ones finish, the batch is committed and the run recorded as interrupted. A
 * second signal quits at once; the shutdown hooks still record the run and release its lock, and
 * the database stays consistent either way, as every batch is one transaction.
 */
final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void install(StopSignal stop) {
        handle("INT", StopSignal.Reason.SIGINT, stop);
        handle("TERM", StopSignal.Reason.SIGTERM, stop);
        handle("HUP", StopSignal.Reason.SIGHUP, stop);
    }

    private static void handle(String name, StopSignal.Reason reason, StopSignal stop) {
        try {
            Signal.handle(new Signal(name), signal -> {
                if (!stop.firstSignal(reason)) {
                    // not halt(): the shutdown hooks record the run and release the lock on the way out
                    System.exit(ExitCodes.of(reason));
                }
                log.warn("SIG{} received: finishing in-flight requests and saving; send it again to quit now", name);
            });
        } catch (IllegalArgumentException unsupported) {
            // e.g. SIGHUP under nohup: the signal stays ignored
            log.debug("Cannot handle SIG{} here", name);
        }
    }
}
