package dev.steamcollector.terminal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Lays out the progress lines of the passes shown together, one below the other: names padded to
 * one width, one bar width, each figure in a column of its own, every line one column short of
 * the terminal (a line as wide as the terminal wraps on some of them, and a wrapped line breaks
 * the redraw in place).
 */
final class ProgressLayout {

    static final int MIN_BAR = 10;
    private static final String UNKNOWN = "-:--:--";
    private static final Duration MIN_ELAPSED = Duration.ofSeconds(1);

    private ProgressLayout() {
    }

    /** The lines of {@code passes}, in order, at a terminal {@code columns} wide. */
    static List<String> lines(List<PassFigures> passes, int columns) {
        if (passes.isEmpty()) {
            return List.of();
        }
        int usable = Math.max(1, columns - 1);
        List<Fields> fields = passes.stream().map(Fields::of).toList();
        Widths widths = Widths.of(fields);
        int bar = Math.max(MIN_BAR, usable - fields.getFirst().line(widths, 0).length());
        return fields.stream().map(field -> cut(field.line(widths, bar), usable)).toList();
    }

    private static String cut(String line, int usable) {
        return line.length() > usable ? line.substring(0, usable) : line;
    }

    /** The texts of one line's figures, before padding. */
    private record Fields(String name, double fraction, String counts, String elapsed, String remaining,
            String rate) {

        static Fields of(PassFigures pass) {
            double fraction = pass.total() == 0 ? 1 : Math.min(1, (double) pass.done() / pass.total());
            double minutes = max(pass.elapsed(), MIN_ELAPSED).toMillis() / 60_000.0;
            double perMinute = pass.done() / minutes;
            return new Fields(pass.task(), fraction,
                    String.format(Locale.ROOT, "%,d/%,d", pass.done(), pass.total()), clock(pass.elapsed()),
                    remaining(pass, perMinute), String.format(Locale.ROOT, "%,.1f", perMinute));
        }

        private static String remaining(PassFigures pass, double perMinute) {
            if (pass.finished()) {
                return pass.done() >= pass.total() ? "done" : "stopped";
            }
            if (pass.done() == 0 || perMinute <= 0) {
                return UNKNOWN;
            }
            long left = Math.max(0, pass.total() - pass.done());
            return clock(Duration.ofSeconds(Math.round(left / perMinute * 60)));
        }

        String line(Widths w, int bar) {
            return String.format(Locale.ROOT, "%-" + w.name + "s %3d%% [%s] %" + w.counts + "s games (%"
                    + w.time + "s / %" + w.time + "s) %" + w.rate + "s games/min",
                    name, (int) Math.floor(fraction * 100), bar(bar), counts, elapsed, remaining, rate);
        }

        private String bar(int width) {
            int full = (int) Math.floor(fraction * width);
            if (full >= width) {
                return "=".repeat(width);
            }
            String head = fraction > 0 ? ">" : " ";
            return "=".repeat(full) + head + " ".repeat(width - full - 1);
        }
    }

    /** The width of each column: that of its widest text among the lines shown together. */
    private record Widths(int name, int counts, int time, int rate) {

        static Widths of(List<Fields> fields) {
            return new Widths(widest(fields, Fields::name), widest(fields, Fields::counts),
                    Math.max(widest(fields, Fields::elapsed), widest(fields, Fields::remaining)),
                    widest(fields, Fields::rate));
        }

        private static int widest(List<Fields> fields, Function<Fields, String> column) {
            return fields.stream().mapToInt(field -> column.apply(field).length()).max().orElse(1);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
