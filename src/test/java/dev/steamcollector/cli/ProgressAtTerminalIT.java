package dev.steamcollector.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.JarProcess;
import dev.steamcollector.testing.PseudoTerminal;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.StoreDetailsFake;
import dev.steamcollector.testing.TerminalScreen;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} at a real terminal 120 columns wide with three sources side by side, its output
 * read back as the terminal shows it: a line per source, aligned, redrawn in place, the log above.
 */
class ProgressAtTerminalIT {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    /** A whole progress line, nothing before or after it. */
    static final Pattern PROGRESS = Pattern.compile(
            "(Details|Store|Reviews) +(\\d+)% \\[([=> ]+)\\] +[\\d,]+/[\\d,]+ games \\( *[\\d:]+ / +[\\w:-]+\\) +[\\d,.]+ games/min");
    static final Pattern LOG = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (INFO|WARN|ERROR) .*");

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new StoreDetailsFake.Answers())).build();

    @TempDir
    Path directory;

    private TestDatabase db;
    private PseudoTerminal terminal;

    @BeforeEach
    void fakes() {
        db = TestDatabase.sqlite(directory);
        SteamSpyFake steamSpy = new SteamSpyFake(server);
        steamSpy.servePages(100);
        steamSpy.serveDetails();
        new StoreDetailsFake(server).serve();
    }

    @AfterEach
    void closeTheTerminal() {
        if (terminal != null) {
            terminal.close();
        }
    }

    @Test
    void threeSourcesRunningShowALineEachAlignedUnderTheLogAndLeaveTheirFinalLines() {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        // about three seconds a source, side by side
        env.putAll(Map.of("STORE_DETAILS", "true", "STEAMSPY_API_LIMIT", "100/second",
                "STEAM_STORE_API_LIMIT", "100/second", "STEAM_REVIEWS_API_LIMIT", "100/second",
                "MAX_WORKERS", "4", "BATCH_SIZE", "10", "TERM", "xterm"));
        terminal = PseudoTerminal.start(JarProcess.command(List.of(), "collect"), directory, env);

        terminal.awaitScreen(bytes -> running(TerminalScreen.of(bytes, PseudoTerminal.COLUMNS, PseudoTerminal.ROWS)) >= 2,
                "two sources running at once, a line each", PATIENCE);
        int exit = terminal.awaitExit(PATIENCE);
        TerminalScreen window = terminal.window();
        List<String> lines = window.lines();
        System.out.printf("The terminal at the end of a collect with three sources:%n%s%n", window);

        assertThat(exit).as(window.toString()).isEqualTo(ExitCodes.DONE);
        assertThat(lines).as("no line with the tail of another").noneMatch(line -> line.contains("games/minames")
                || line.indexOf("games/min") != line.lastIndexOf("games/min"));

        List<Integer> bars = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains("% [")).boxed().toList();
        assertThat(bars).as("one line per source, each once\n%s", window).hasSize(3);
        List<Matcher> shown = bars.stream().map(i -> PROGRESS.matcher(lines.get(i))).toList();
        assertThat(shown).as("whole progress lines, nothing of another in them\n%s", window).allMatch(Matcher::matches);
        assertThat(bars).as("short of the last column: a line reaching it wraps")
                .allSatisfy(i -> assertThat(lines.get(i).length()).isLessThan(PseudoTerminal.COLUMNS));
        assertThat(shown).extracting(line -> line.group(1)).containsExactlyInAnyOrder("Details", "Store", "Reviews");
        assertThat(shown).extracting(line -> line.group(2)).containsOnly("100");
        assertThat(shown).extracting(line -> line.group(3).length()).as("bar widths").containsOnly(shown.getFirst()
                .group(3).length());
        assertThat(shown).extracting(line -> line.end(2)).as("where the percentages end").containsOnly(shown.getFirst()
                .end(2));
        assertThat(bars.getLast() - bars.getFirst()).as("the lines side by side, nothing between them").isEqualTo(2);

        List<String> above = lines.subList(0, bars.getFirst());
        assertThat(above).as("the log above the lines").allMatch(line -> LOG.matcher(line).matches());
        for (String source : List.of("Details", "Store", "Reviews")) {
            assertThat(above).anyMatch(line -> line.endsWith("INFO  " + source + ": 300 games to fetch"));
        }
        assertThat(lines.subList(bars.getLast() + 1, lines.size())).as("the summary below")
                .anyMatch(line -> line.startsWith("Run #1 (incremental) succeeded"));
    }

    /** How many progress lines of the window show a pass under way. */
    private static long running(TerminalScreen window) {
        return window.lines().stream().map(PROGRESS::matcher).filter(Matcher::matches)
                .filter(line -> !line.group(2).equals("100")).count();
    }
}
