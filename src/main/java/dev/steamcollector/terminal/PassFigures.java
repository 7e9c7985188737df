package dev.steamcollector.terminal;

import java.time.Duration;
import java.util.Objects;

/** Where one source's pass stands: games done of its total, time taken, and whether it has ended. */
public record PassFigures(String task, long done, long total, Duration elapsed, boolean finished) {

    public PassFigures {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(elapsed, "elapsed");
        if (done < 0 || total < 0 || elapsed.isNegative()) {
            throw new IllegalArgumentException("figures must not be negative");
        }
    }
}
