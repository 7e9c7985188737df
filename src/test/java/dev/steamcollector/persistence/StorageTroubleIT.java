package dev.steamcollector.persistence;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.cli.ExitCodes;
import dev.steamcollector.config.DatabaseSettings;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.SteamSpyFake;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Databases that cannot take what a run writes: a full disk (a small tmpfs), a read-only file, and
 * a database that belongs to another program. Each is said plainly, with the exit code that says
 * whether to wait (75) or to fix a setting (2).
 */
class StorageTroubleIT {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() {
        for (Path mount : mounts.reversed()) {
            run("umount", mount.toString());
        }
    }

    @Test
    void aFullDiskIsSaidWithItsPathEachTimeAndTheRunIsRecorded() throws IOException {
        Path disk = mount(directory.resolve("small"), "tmpfs", "-o", "size=4m", "tmpfs");
        Path file = disk.resolve("steam_games.db");
        String url = "sqlite:///" + file;
        SteamSpyFake steamSpy = new SteamSpyFake(server);
        steamSpy.servePages(1_000);
        steamSpy.serveDetails();
        Map<String, String> env = TestApis.environment(server.baseUrl(), url);
        assertThat(CliRun.run(directory, env, "migrate").exitCode()).isZero();
        // room for the run to start (and its reserve), not for the games it brings
        Path filler = fillLeaving(disk, SpaceReserve.SIZE + 160 * 1024);

        CliRun full = CliRun.run(directory, env, "collect");

        assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(full.err()).contains("steam-collector: disk full: cannot write to " + file);
        TestDatabase db = new TestDatabase(url, DatabaseSettings.parse(url, directory));
        assertThat(db.queryString("SELECT status FROM collection_runs")).isEqualTo("failed");
        assertThat(db.queryString("SELECT message FROM collection_runs")).startsWith("disk full");
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();

        // recorded as failed again, or not started for want of room to record its end: never left running
        CliRun stillFull = CliRun.run(directory, env, "collect");

        assertThat(stillFull.exitCode()).as(stillFull.err()).isEqualTo(ExitCodes.TEMPORARILY_UNABLE);
        assertThat(stillFull.err()).contains("steam-collector: disk full: cannot write to " + file)
                .doesNotContain("cannot rollback");
        assertThat(db.queryLong("SELECT COUNT(*) FROM collection_runs WHERE status = 'running'")).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM run_locks")).isZero();

        Files.delete(filler);
        CliRun roomAgain = CliRun.run(directory, env, "collect");
        assertThat(roomAgain.exitCode()).as(roomAgain.err()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).isEqualTo(steamSpy.records().size());
    }

    @Test
    void aReadOnlyDatabaseFileIsAConfigurationError() throws IOException {
        TestDatabase db = TestDatabase.sqlite(directory);
        Map<String, String> env = TestApis.environment(server.baseUrl(), db.url());
        assertThat(CliRun.run(directory, env, "migrate").exitCode()).isZero();
        makeReadOnly(directory.resolve("steam_games.db"));

        CliRun collect = CliRun.run(directory, env, "collect", "--update-metadata", "--limit", "0");

        assertThat(collect.exitCode()).as(collect.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(collect.err()).contains("steam-collector: the database file " + directory.resolve("steam_games.db")
                + " is read-only");
        assertThat(collect.err().lines().filter(line -> line.startsWith("steam-collector:"))).hasSize(1);
        CliRun status = CliRun.run(directory, env, "status");
        assertThat(status.exitCode()).as("reading still works: %s", status.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aDatabaseOfAnotherProgramIsNamedAsSuch(String kind) {
        TestDatabase db = TestDatabase.of(kind, directory);
        db.execute("CREATE TABLE games (id INTEGER PRIMARY KEY, title TEXT, rating REAL)");
        db.execute("CREATE TABLE players (id INTEGER PRIMARY KEY, nick TEXT)");
        Map<String, String> env = TestApis.environment(server.baseUrl(), db.url());

        for (String command : List.of("collect", "status", "migrate")) {
            CliRun run = CliRun.run(directory, env, command);

            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(command).contains("belongs to another program: it holds games, players but no "
                    + "steam-collector schema history").doesNotContain("baseline", "run 'steam-collector migrate'");
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM games")).as("nothing written").isZero();
    }

    /** Mounts a file system at {@code at}, as root; the test is skipped, saying why, where that is impossible. */
    private Path mount(Path at, String... typeOptionsAndSource) throws IOException {
        Files.createDirectories(at);
        List<String> command = new ArrayList<>(List.of("mount", "-t"));
        command.addAll(List.of(typeOptionsAndSource));
        command.add(at.toString());
        String failure = run(command.toArray(String[]::new));
        if (failure != null) {
            abort("cannot mount a small file system here (it needs root): " + failure);
        }
        mounts.add(at);
        return at;
    }

    /** Makes {@code file} read-only for its owner too: root ignores permissions, so root mounts it read-only. */
    private void makeReadOnly(Path file) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            return;
        }
        String failure = run("mount", "--bind", file.toString(), file.toString());
        if (failure != null) {
            abort("cannot make a file read-only for root here: " + failure);
        }
        mounts.add(file);
        failure = run("mount", "-o", "remount,bind,ro", file.toString());
        assertThat(failure).as("remounting read-only").isNull();
    }

    /** Fills the file system of {@code disk} with one file, leaving about {@code free} bytes. */
    private static Path fillLeaving(Path disk, long free) throws IOException {
        Path filler = disk.resolve("filler");
        long size = Files.getFileStore(disk).getUsableSpace() - free;
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return filler;
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            return process.waitFor() == 0 ? null : String.join(" ", command) + ": " + output.strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
