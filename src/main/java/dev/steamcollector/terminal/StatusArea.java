package dev.steamcollector.terminal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The lines at the bottom of a terminal that show the passes running, one line each, redrawn in
 * place by one renderer thread; text printed meanwhile (the log) scrolls above them. A pass that
 * ends keeps its line, with its final figures, until the last pass running ends: then the lines
 * stay on the terminal as they are and the area is gone, until a pass starts a new one below. A
 * new pass of a task whose ended line is still shown takes that line's place, the old line
 * moving up above the area.
 *
 * <p>Every line is erased before it is written, so that a line that shrinks leaves nothing
 * behind; the cursor rests at the start of the line below the area.
 */
public final class StatusArea {

    private static final String ESC = "\u001b[";
    private static final String ERASE_LINE = ESC + "2K";
    private static final String ERASE_BELOW = ESC + "J";
    private static final StatusArea STDERR = new StatusArea(() -> System.err, TerminalColumns::open,
            Duration.ofMillis(200));

    private final Supplier<PrintStream> out;
    private final Supplier<Columns> terminal;
    private final Duration every;
    private final List<Pass> passes = new ArrayList<>();
    private Columns columns;
    private ScheduledExecutorService renderer;
    /** Lines of the area on the terminal, above the cursor. */
    private int drawn;
    private List<String> shown = List.of();

    /**
     * An area on {@code out}, as wide as {@code terminal} says once the area opens, redrawn every
     * {@code every} by a thread of its own; without one ({@link Duration#ZERO}) only when asked.
     */
    StatusArea(Supplier<PrintStream> out, Supplier<Columns> terminal, Duration every) {
        this.out = out;
        this.terminal = terminal;
        this.every = every;
    }

    /** The area at the bottom of the terminal on stderr. */
    public static StatusArea stderr() {
        return STDERR;
    }

    /** Shows a line for a new pass of {@code task} over {@code total} games, timed by {@code clock}. */
    public synchronized Pass start(String task, long total, Clock clock) {
        Pass pass = new Pass(task, total, clock);
        if (passes.isEmpty()) {
            open();
        }
        Optional<Pass> ended = passes.stream().filter(line -> line.ended() && line.task.equals(task)).findFirst();
        if (ended.isPresent()) {
            List<String> lines = lines();
            int slot = passes.indexOf(ended.get());
            passes.set(slot, pass);
            printAbove((lines.get(slot) + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
            passes.add(pass);
            redraw();
        }
        return pass;
    }

    /** Writes {@code text} (log lines) above the area, which is redrawn below it. */
    public synchronized void printAbove(byte[] text) {
        PrintStream stream = out.get();
        if (drawn == 0) {
            stream.write(text, 0, text.length);
            stream.flush();
            return;
        }
        StringBuilder frame = new StringBuilder("\r").append(ESC).append(drawn).append('A').append(ERASE_BELOW);
        stream.write(ascii(frame), 0, frame.length());
        stream.write(text, 0, text.length);
        if (text.length > 0 && text[text.length - 1] != '\n') {
            stream.write('\n');
        }
        drawn = 0;
        draw(stream);
    }

    /** Draws the area again with the figures of now, unless they read as the lines shown. */
    public synchronized void redraw() {
        if (!passes.isEmpty() && !lines().equals(shown)) {
            draw(out.get());
        }
    }

    /** Whether an area shows. */
    public synchronized boolean showing() {
        return !passes.isEmpty();
    }

    private synchronized void end(Pass pass) {
        if (pass.ended()) {
            return;
        }
        pass.endedMillis = pass.clock.millis();
        redraw();
        if (passes.stream().allMatch(Pass::ended)) {
            close();
        }
    }

    private void draw(PrintStream stream) {
        List<String> lines = lines();
        StringBuilder frame = new StringBuilder("\r");
        if (drawn > 0) {
            frame.append(ESC).append(drawn).append('A');
        }
        for (String line : lines) {
            // carriage returns of their own: a line feed alone keeps the column where the tty adds none
            frame.append('\r').append(ERASE_LINE).append(line).append('\n');
        }
        int left = drawn - lines.size();
        if (left > 0) {
            frame.append(("\r" + ERASE_LINE + "\n").repeat(left)).append(ESC).append(left).append('A');
        }
        frame.append('\r');
        drawn = lines.size();
        shown = lines;
        stream.write(ascii(frame), 0, frame.length());
        stream.flush();
    }

    private List<String> lines() {
        return ProgressLayout.lines(passes.stream().map(Pass::figures).toList(), columns.get());
    }

    private void open() {
        columns = terminal.get();
        if (!every.isZero()) {
            renderer = Executors.newSingleThreadScheduledExecutor(
                    task -> Thread.ofPlatform().daemon(true).name("progress-renderer").unstarted(task));
            renderer.scheduleWithFixedDelay(this::redraw, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Leaves the lines on the terminal as they are: what is written next goes below them. */
    private void close() {
        passes.clear();
        drawn = 0;
        shown = List.of();
        if (renderer != null) {
            // no interrupt: the renderer may be writing; a redraw it has yet to run finds no pass
            renderer.shutdown();
            renderer = null;
        }
        columns.close();
    }

    private static byte[] ascii(CharSequence frame) {
        return frame.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The line of one pass: counted by the thread that stores its games, drawn by the renderer. */
    public final class Pass {
        private final String task;
        private final long total;
        private final Clock clock;
        private final long startedMillis;
        private final AtomicLong done = new AtomicLong();
        private volatile long endedMillis = -1;

        private Pass(String task, long total, Clock clock) {
            this.task = task;
            this.total = total;
            this.clock = clock;
            this.startedMillis = clock.millis();
        }

        /** Counts {@code games} more games done. */
        public void advance(long games) {
            done.addAndGet(games);
        }

        /** Ends the pass: its line keeps its final figures; the last pass to end leaves the area. */
        public void end() {
            StatusArea.this.end(this);
        }

        boolean ended() {
            return endedMillis >= 0;
        }

        PassFigures figures() {
            long until = ended() ? endedMillis : clock.millis();
            return new PassFigures(task, done.get(), total, Duration.ofMillis(Math.max(0, until - startedMillis)), ended());
        }
    }
}
