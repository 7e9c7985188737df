package dev.steamcollector.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressLayoutTest {

    static final List<PassFigures> FOUR = List.of(
            new PassFigures("Details", 1_234, 2_998, Duration.ofSeconds(25), false),
            new PassFigures("Store", 124, 2_998, Duration.ofSeconds(25), false),
            new PassFigures("Reviews", 2_998, 2_998, Duration.ofMinutes(3).plusSeconds(2), true),
            new PassFigures("Catalogue", 148_300, 150_000, Duration.ofMinutes(61), false));

    @Test
    void linesOfPassesShownTogetherLineUpColumnByColumn() {
        List<String> lines = ProgressLayout.lines(FOUR, 120);

        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).hasSize(119));
        assertThat(lines).extracting(line -> line.indexOf('%')).containsOnly("Catalogue".length() + 4);
        assertThat(lines).extracting(line -> line.indexOf('[')).containsOnly(lines.getFirst().indexOf('['));
        assertThat(lines).extracting(line -> line.indexOf(']')).containsOnly(lines.getFirst().indexOf(']'));
        assertThat(lines).extracting(line -> line.indexOf(" games (")).containsOnly(lines.getFirst().indexOf(" games ("));
        assertThat(lines).extracting(line -> line.indexOf(" / ")).containsOnly(lines.getFirst().indexOf(" / "));
        assertThat(lines).extracting(line -> line.indexOf(") ")).containsOnly(lines.getFirst().indexOf(") "));
        assertThat(lines).allSatisfy(line -> assertThat(line).endsWith(" games/min"));
    }

    @Test
    void aLineShowsTheBarDoneOfTotalElapsedRemainingAndRate() {
        List<String> lines = ProgressLayout.lines(FOUR, 120);

        assertThat(lines.get(0)).matches("Details   +41% \\[=+> +\\]  +1,234/2,998 games \\(0:00:25 / 0:00:36\\) +2,961\\.6 games/min");
        assertThat(lines.get(1)).matches("Store     +4% \\[=+> +\\] +124/2,998 games .*");
        assertThat(lines.get(2)).as("an ended pass keeps its final figures")
                .matches("Reviews   100% \\[=+\\] +2,998/2,998 games \\(0:03:02 / +done\\) +988\\.4 games/min");
        assertThat(lines.get(3)).contains("148,300/150,000 games (1:01:00 / 0:00:42)");
    }

    @Test
    void aPassNotYetStartedHasAnEmptyBarAndNoEta() {
        List<String> lines = ProgressLayout.lines(
                List.of(new PassFigures("Store", 0, 300, Duration.ZERO, false)), 80);

        assertThat(lines.getFirst()).matches("Store   0% \\[ +\\] 0/300 games \\(0:00:00 / -:--:--\\) 0\\.0 games/min")
                .hasSize(79);
    }

    @Test
    void aPassStoppedBeforeItsEndSaysSo() {
        List<String> lines = ProgressLayout.lines(
                List.of(new PassFigures("Details", 150, 300, Duration.ofMinutes(1), true)), 100);

        assertThat(lines.getFirst()).contains("50% [").contains("150/300 games (0:01:00 / stopped) 150.0 games/min");
    }

    @Test
    void theBarTakesWhatTheFiguresLeaveOfTheWidth() {
        int narrow = ProgressLayout.lines(FOUR, 100).getFirst().indexOf(']');
        int wide = ProgressLayout.lines(FOUR, 160).getFirst().indexOf(']');

        assertThat(wide - narrow).isEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 40, 60, 79, 200})
    void noLineIsAsWideAsTheTerminal(int columns) {
        assertThat(ProgressLayout.lines(FOUR, columns)).allSatisfy(line -> assertThat(line.length()).isLessThan(columns));
    }

    @Test
    void aCountThatJumpsByAHundredMovesTheBarAtOnce() {
        List<String> before = ProgressLayout.lines(
                List.of(new PassFigures("Catalogue", 0, 1_000, Duration.ofSeconds(5), false)), 120);
        List<String> after = ProgressLayout.lines(
                List.of(new PassFigures("Catalogue", 100, 1_000, Duration.ofSeconds(6), false)), 120);

        assertThat(before.getFirst()).contains("  0% [ ");
        assertThat(after.getFirst()).contains(" 10% [====").contains(" 100/1,000 games");
    }

    @Test
    void noPassNoLine() {
        assertThat(ProgressLayout.lines(List.of(), 120)).isEmpty();
    }
}
