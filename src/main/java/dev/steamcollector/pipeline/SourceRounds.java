package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import java.time.Clock;
import java.time.Instant;

/**
 * What each per-game source does in a {@code collect} run: exactly the chosen games
 * ({@code --app-ids}); or the games due now by the run's mode, then, once the page pass has ended,
 * the games it brought in, within what is left of {@code --limit}.
 */
final class SourceRounds {

    private final PerGameEngine engine;
    private final CollectOptions options;
    private final Instant started;
    private final Clock clock;

    SourceRounds(PerGameEngine engine, CollectOptions options, Instant started, Clock clock) {
        this.engine = engine;
        this.options = options;
        this.started = started;
        this.clock = clock;
    }

    /** The source's work, counted into {@code tally}, as a lane beside the page pass. */
    <T> SideBySide.Lane lane(GameSource<T> source, SourceTally tally) {
        return pagesDone -> {
            if (!options.appIds().isEmpty()) {
                engine.run(source, options.appIds().stream().map(id -> new DueGame(id, 0)).toList(), tally);
                return;
            }
            round(source, firstSelection(), tally);
            if (pagesDone.join()) {
                // games the pages brought in are due now; a game that failed during this run waits for the next
                int remaining = (int) Math.max(0, options.limit() - tally.processed());
                round(source, DueSelection.dueAt(started, remaining), tally);
            }
        };
    }

    private <T> void round(GameSource<T> source, DueSelection selection, SourceTally tally) {
        if (!engine.stopRequested() && selection.limit() > 0) {
            engine.run(source, source.findDue(selection), tally);
        }
    }

    private DueSelection firstSelection() {
        Instant now = clock.instant();
        return switch (options.mode()) {
            case RETRY_FAILED -> new DueSelection(DueSelection.Kind.FAILED, now, now, options.limit());
            case FULL_REFRESH -> new DueSelection(DueSelection.Kind.ALL, now, started, options.limit());
            default -> DueSelection.dueAt(now, options.limit());
        };
    }
}
