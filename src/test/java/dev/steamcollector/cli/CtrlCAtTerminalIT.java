package dev.steamcollector.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.JarProcess;
import dev.steamcollector.testing.PseudoTerminal;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} at a real terminal, the progress bar showing, stopped by typing Ctrl-C: the
 * terminal driver, not a test, sends the SIGINT, to the whole foreground process group.
 */
class CtrlCAtTerminalIT {

    static final String JAR = System.getProperty("steamcollector.jar");
    static final Pattern BAR = Pattern.compile("Details +\\d+% \\[");
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Bit of SIGINT (2) in the masks of /proc/PID/status. */
    static final long SIGINT_BIT = 1L << (2 - 1);

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    private TestDatabase db;
    private SteamSpyFake steamSpy;
    private PseudoTerminal terminal;

    @BeforeEach
    void steamSpyWithoutAKey() {
        assertThat(JAR).as("system property steamcollector.jar (set by failsafe)").isNotNull();
        db = TestDatabase.sqlite(directory);
        steamSpy = new SteamSpyFake(server);
        steamSpy.servePages(100);
    }

    @AfterEach
    void closeTheTerminal() {
        if (terminal != null) {
            terminal.close();
        }
    }

    @Test
    void ctrlCWhileTheBarShowsFinishesInFlightWorkRecordsTheRunAndExits130() throws IOException {
        steamSpy.serveDetailsAfter(Duration.ofMillis(100));
        terminal = collect(Map.of("STEAMSPY_API_LIMIT", "20/second"));
        terminal.awaitScreen(screen -> BAR.matcher(screen).find(), "the details progress bar", PATIENCE);
        awaitCommitted(20);
        assertThat(caughtSignals()).as("SIGINT caught by the program while the bar shows")
                .matches(mask -> (mask & SIGINT_BIT) != 0, "has SIGINT's bit");

        terminal.type(PseudoTerminal.CTRL_C);

        int exit = terminal.awaitExit(PATIENCE);
        String screen = terminal.screen();
        assertThat(exit).as(screen).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(screen).contains("SIGINT received: finishing in-flight requests and saving")
                .contains("Run #1 (incremental) interrupted")
                .contains("interrupted by SIGINT; finished work is saved, run again to continue");
        long succeeded = db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'success'");
        assertThat(succeeded).as("stopped before the end").isBetween(20L, 299L);
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'failed'"))
                .as("in-flight requests finished rather than failing").isZero();
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("interrupted");
        assertThat(db.queryLong("SELECT COUNT(*) FROM collection_runs WHERE finished_at IS NULL")).isZero();
        assertThat(db.queryLong("SELECT games_succeeded FROM collection_runs")).as("the run's count of successes")
                .isEqualTo(succeeded);
        assertThat(db.queryLong("SELECT games_processed FROM collection_runs")).as("the run's count of games")
                .isEqualTo(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status <> 'pending'"));
        assertThat(screen).contains("Details:   " + succeeded + " games processed");
        List<String> window = terminal.window().lines();
        int details = IntStream.range(0, window.size()).filter(i -> BAR.matcher(window.get(i)).lookingAt())
                .findFirst().orElseThrow();
        assertThat(window.get(details)).as("the details line left with its final figures")
                .contains(" " + succeeded + "/300 games").contains(" / stopped)");
        assertThat(window.subList(0, details)).as("the log above it")
                .anyMatch(line -> line.contains("SIGINT received: finishing in-flight requests"));
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();
    }

    @Test
    void theDetailsBarAppearsOnceThereIsSomethingToFetch() {
        steamSpy.serveDetails();
        terminal = collect(Map.of("STEAMSPY_API_LIMIT", "100/second"));

        int exit = terminal.awaitExit(PATIENCE);
        String screen = terminal.screen();
        assertThat(exit).as(screen).isEqualTo(ExitCodes.DONE);
        // the details wait for the pages that bring the games: no empty bar and no "0 games" before them
        assertThat(screen).doesNotContain("0/0 games").doesNotContain("Details: 0 games to fetch")
                .contains("Details: 300 games to fetch").contains("300/300 games");
        assertThat(screen.indexOf("Details: 300 games to fetch"))
                .isGreaterThan(screen.indexOf("SteamSpy catalogue: page 2 brought"));
    }

    @Test
    void aSecondCtrlCQuitsAtOnce() {
        // answers that take far longer than the test: the first Ctrl-C has in-flight requests to wait for
        steamSpy.serveDetailsAfter(Duration.ofMinutes(2));
        terminal = collect(Map.of("HTTP_TIMEOUT", "5m"));
        terminal.awaitScreen(screen -> BAR.matcher(screen).find(), "the details progress bar", PATIENCE);
        awaitDetailsRequested();

        terminal.type(PseudoTerminal.CTRL_C);
        terminal.awaitScreen(screen -> screen.contains("SIGINT received"), "the first Ctrl-C taken", PATIENCE);
        terminal.type(PseudoTerminal.CTRL_C);

        int exit = terminal.awaitExit(PATIENCE);
        String screen = terminal.screen();
        assertThat(exit).as(screen).isEqualTo(ExitCodes.INTERRUPTED);
        // the requests in flight (two minutes each) were not waited for, nor given their grace
        assertThat(screen).contains("Run #1 (incremental) interrupted")
                .contains("interrupted by SIGINT twice: stopped at once");
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("interrupted");
        assertThat(db.queryString("SELECT message FROM collection_runs")).contains("twice");
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).as("the lock released on the way out").isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'pending'"))
                .as("the games the pages brought are kept").isEqualTo(300);
    }

    /** Starts {@code collect} at a terminal, in the temporary directory, against the fake and without a key. */
    private PseudoTerminal collect(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(TestApis.environment(server.baseUrl(), db.url()));
        env.putAll(Map.of("MAX_WORKERS", "4", "BATCH_SIZE", "10", "TERM", "xterm"));
        env.putAll(settings);
        return PseudoTerminal.start(JarProcess.command(List.of(), "collect"), directory, env);
    }

    /** Waits, at most a minute, until {@code count} games' details are committed. */
    private void awaitCommitted(long count) {
        terminal.awaitScreen(screen -> committed() >= count, count + " games' details committed", PATIENCE);
    }

    private long committed() {
        try {
            return db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'success'");
        } catch (IllegalStateException notYetCreated) {
            return 0;
        }
    }

    private void awaitDetailsRequested() {
        terminal.awaitScreen(screen -> steamSpy.detailRequests() > 0, "a details request in flight", PATIENCE);
    }

    /** The SigCgt mask of the program at the terminal: the signals it handles itself. */
    private long caughtSignals() throws IOException {
        ProcessHandle program = terminal.command().orElseThrow();
        String status = Files.readString(Path.of("/proc", String.valueOf(program.pid()), "status"));
        String mask = status.lines().filter(line -> line.startsWith("SigCgt:")).findFirst().orElseThrow()
                .substring("SigCgt:".length()).strip();
        return Long.parseUnsignedLong(mask, 16);
    }
}
