package dev.steamcollector.pipeline;

import dev.steamcollector.model.PagePass;
import dev.steamcollector.persistence.PagePassRepository;
import dev.steamcollector.steamspy.SteamSpyClient;
import dev.steamcollector.steamspy.SteamSpyRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pass over SteamSpy's {@code all} pages with a checkpoint after each page: an interrupted pass
 * continues at its next page (a week at most after it began), and a completed pass is not
 * repeated for 20 hours, SteamSpy refreshing once a day.
 */
public final class SteamSpyPagePass {

    static final Duration FRESH_FOR = Duration.ofHours(20);
    /** An unfinished pass older than this starts over: its figures would be too old to finish. */
    static final Duration RESUME_WITHIN = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(SteamSpyPagePass.class);

    private final SteamSpyClient client;
    private final PagePassRepository passes;
    private final Clock clock;
    private final StopSignal stop;

    public SteamSpyPagePass(SteamSpyClient client, PagePassRepository passes, Clock clock, StopSignal stop) {
        this.client = client;
        this.passes = passes;
        this.clock = clock;
        this.stop = stop;
    }

    /** Receives each page's records. */
    @FunctionalInterface
    public interface PageHandler {
        void accept(int page, List<SteamSpyRecord> records);
    }

    /** What a pass did: pages fetched, whether it ran from page 0 to the end, whether it was skipped. */
    public record Outcome(int pages, boolean wholeList, boolean skipped) {
    }

    /**
     * Continues an unfinished pass at its next page, or starts a new one unless a pass completed
     * within 20 hours; {@code force} starts afresh even then.
     */
    public Outcome run(boolean force, PageHandler handler) {
        Instant now = clock.instant();
        Optional<PagePass> last = passes.find();
        if (!force && last.filter(PagePass::completed).filter(p -> p.completedAt().isAfter(now.minus(FRESH_FOR)))
                .isPresent()) {
            log.info("SteamSpy pages: a complete pass finished at {}; the next is due 20 hours later",
                    last.get().completedAt());
            return new Outcome(0, false, true);
        }
        // a pass cut short by a stop, a failure or --max-duration goes on where it was, even nights later
        boolean resume = last.filter(p -> !p.completed())
                .filter(p -> p.startedAt().isAfter(now.minus(RESUME_WITHIN))).isPresent();
        int first = resume ? last.get().nextPage() : 0;
        Instant startedAt = resume ? last.get().startedAt() : now;
        if (resume) {
            log.info("SteamSpy pages: continuing the pass begun at {} at page {}", startedAt, first);
        }
        // each page is stored while the next is fetched, so storing never costs the gate a turn;
        // a page's checkpoint is saved after its figures, and before the next page is stored
        try (ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("page-writer").factory())) {
            Future<?> storing = CompletableFuture.completedFuture(null);
            for (int page = first; ; page++) {
                List<SteamSpyRecord> records;
                try {
                    records = stop.requested() ? null : client.fetchAllPage(page);
                } finally {
                    await(storing);
                }
                if (records == null) {
                    return new Outcome(page - first, false, false);
                }
                if (records.isEmpty()) {
                    passes.save(new PagePass(page, startedAt, clock.instant()), clock.instant());
                    return new Outcome(page - first, first == 0, false);
                }
                int stored = page;
                storing = writer.submit(() -> {
                    handler.accept(stored, records);
                    passes.save(new PagePass(stored + 1, startedAt, null), clock.instant());
                });
            }
        }
    }

    private static void await(Future<?> storing) {
        try {
            storing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while storing a page");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }
}
