package dev.steamcollector.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.testing.TerminalScreen;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The area's output, as a terminal 120 columns wide shows it, on a clock that moves when told. */
class StatusAreaTest {

    static final Pattern PROGRESS = Pattern.compile("^(\\w+) +\\d+% \\[[=> ]+\\] +[\\d,]+/[\\d,]+ games .*");

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final AtomicInteger columns = new AtomicInteger(120);
    final ManualClock clock = new ManualClock();
    final StatusArea area = new StatusArea(() -> out, () -> columns::get, Duration.ZERO);

    @Test
    void eachPassRunningHasALineOfItsOwnUnderTheLogAllOfOneWidth() {
        StatusArea.Pass details = area.start("Details", 2_998, clock);
        log("Store: 2998 games to fetch");
        StatusArea.Pass store = area.start("Store", 2_998, clock);
        StatusArea.Pass reviews = area.start("Reviews", 300, clock);
        for (int second = 0; second < 30; second++) {
            clock.advance(Duration.ofSeconds(1));
            details.advance(40);
            store.advance(5);
            reviews.advance(10);
            area.redraw();
            if (second % 10 == 0) {
                log("a line of the log, " + second);
            }
        }

        List<String> lines = screen().lines();
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(0, 4)).containsExactly(timestamped("Store: 2998 games to fetch"),
                timestamped("a line of the log, 0"), timestamped("a line of the log, 10"),
                timestamped("a line of the log, 20"));
        List<String> bars = lines.subList(4, 7);
        assertThat(bars).allMatch(line -> PROGRESS.matcher(line).matches())
                .extracting(line -> line.substring(0, line.indexOf(' '))).containsExactly("Details", "Store", "Reviews");
        assertThat(bars).allSatisfy(line -> assertThat(line).hasSize(119));
        assertThat(bars).extracting(line -> line.indexOf('[')).containsOnly(bars.getFirst().indexOf('['));
        assertThat(bars).extracting(line -> line.indexOf(']')).containsOnly(bars.getFirst().indexOf(']'));
        assertThat(bars.get(2)).contains("300/300 games (0:00:30 / 0:00:00)");
        assertThat(screen().wraps()).isZero();
    }

    @Test
    void everyLineIsErasedBeforeItIsWrittenSoAShorterOneLeavesNothingBehind() {
        columns.set(160);
        StatusArea.Pass store = area.start("Store", 2_998, clock);
        area.start("Reviews", 2_998, clock);
        clock.advance(Duration.ofSeconds(25));
        store.advance(124);
        area.redraw();
        columns.set(100);
        area.redraw();

        List<String> lines = TerminalScreen.of(bytes.toString(StandardCharsets.UTF_8), 160, 40).lines();
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).hasSize(99).endsWith(" games/min"));
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written.split("\u001b\\[2K", -1)).as("an erase before each of the 7 lines drawn")
                .hasSize(1 + 1 + 2 + 2 + 2);
    }

    @Test
    void anEndedPassKeepsItsFinalLineAndTheLastToEndLeavesTheLinesOnTheTerminal() {
        StatusArea.Pass store = area.start("Store", 100, clock);
        StatusArea.Pass reviews = area.start("Reviews", 100, clock);
        clock.advance(Duration.ofSeconds(60));
        store.advance(100);
        store.end();
        clock.advance(Duration.ofSeconds(60));
        reviews.advance(50);
        area.redraw();
        assertThat(area.showing()).isTrue();
        assertThat(screen().lines().getFirst()).contains("100/100 games (0:01:00 /    done) 100.0 games/min");

        reviews.end();
        assertThat(area.showing()).isFalse();
        log("Run #1 (incremental) finished");

        assertThat(screen().lines()).hasSize(3);
        assertThat(screen().lines().get(0)).startsWith("Store   100% [").contains("(0:01:00 /    done)");
        assertThat(screen().lines().get(1)).startsWith("Reviews  50% [").contains("(0:02:00 / stopped)");
        assertThat(screen().lines().get(2)).isEqualTo(timestamped("Run #1 (incremental) finished"));
    }

    @Test
    void aNewPassOfATaskTakesTheLineOfItsEndedPassWhichMovesAboveTheArea() {
        StatusArea.Pass first = area.start("Details", 10, clock);
        StatusArea.Pass store = area.start("Store", 100, clock);
        first.advance(10);
        first.end();
        StatusArea.Pass second = area.start("Details", 300, clock);
        second.advance(30);
        store.advance(1);
        area.redraw();

        List<String> lines = screen().lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("Details 100% [").contains(" 10/10 games");
        assertThat(lines.get(1)).startsWith("Details  10% [").contains(" 30/300 games");
        assertThat(lines.get(2)).startsWith("Store     1% [");
    }

    @Test
    void linesThatReadTheSameAreNotWrittenAgain() {
        StatusArea.Pass store = area.start("Store", 100, clock);
        int once = bytes.size();
        area.redraw();
        clock.advance(Duration.ofMillis(200));
        area.redraw();
        assertThat(bytes.size()).isEqualTo(once);

        store.advance(1);
        area.redraw();
        assertThat(bytes.size()).isGreaterThan(once);
    }

    @Test
    void aLogLineWithoutItsNewlineStillEndsAboveTheArea() {
        area.start("Store", 100, clock);
        area.printAbove("no newline".getBytes(StandardCharsets.UTF_8));

        assertThat(screen().lines()).hasSize(2).first().isEqualTo("no newline");
    }

    @Test
    void withoutAnAreaTheLogGoesOutUnchanged() {
        byte[] line = "2026-01-12 03:31:14 INFO  Store: 300 games to fetch\n".getBytes(StandardCharsets.UTF_8);
        area.printAbove(line);

        assertThat(bytes.toByteArray()).isEqualTo(line);
        assertThat(area.showing()).isFalse();
    }

    private void log(String message) {
        area.printAbove(timestamped(message).concat("\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String timestamped(String message) {
        return "2026-01-12 03:31:14 INFO  " + message;
    }

    private TerminalScreen screen() {
        return TerminalScreen.of(bytes.toString(StandardCharsets.UTF_8), 120, 40);
    }

    /** A clock that stays where it is put. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-12T03:31:14Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
