package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on a real SQLite file, and how SQLite holds timestamps. */
class SqliteRepositoryIT extends RepositoryContract {

    static final Instant AT = Instant.parse("2026-11-29T16:12:51.118Z");

    @TempDir
    Path directory;

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.sqlite(directory);
    }

    @Test
    void opensInWalModeWithForeignKeysOn() {
        database.games().upsertGames(List.of(new Game(10, "X")), T0);
        assertThat(db.queryString("PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
    }

    @Test
    void storesTimestampsAsIsoUtcTextWithMilliseconds() {
        database.games().upsertGames(List.of(new Game(10, "X")), AT);
        database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), AT.plusSeconds(1))));
        long run = database.runs().start("incremental", 1, "a", AT);
        database.runs().finish(run, RunStatus.SUCCEEDED, new RunCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), null,
                Instant.parse("2026-11-29T16:13:00Z"));

        // written by native SQL
        assertThat(db.queryString("SELECT typeof(created_at) || ' ' || created_at FROM games"))
                .isEqualTo("text 2026-11-29 16:12:51.118");
        assertThat(db.queryString("SELECT details_fetched_at FROM game_metadata")).isEqualTo("2026-11-29 16:12:52.118");
        // written by Hibernate: the same form, fixed width (zero milliseconds kept)
        assertThat(db.queryString("SELECT started_at || ' / ' || finished_at FROM collection_runs"))
                .isEqualTo("2026-11-29 16:12:51.118 / 2026-11-29 16:13:00.000");
        // what SQLite's date functions read
        assertThat(db.queryString("SELECT strftime('%s', created_at) FROM games")).isEqualTo("1795968771");
        assertThat(db.queryLong("SELECT COUNT(*) FROM games WHERE created_at < datetime('2026-11-29 16:12:52')"))
                .isEqualTo(1);
    }

    /** A database written before version 8 holds epoch milliseconds; migrating turns them into text in place. */
    @Test
    void migratingConvertsEpochMillisecondsToTextInPlace() throws IOException {
        TestDatabase old = TestDatabase.sqlite(Files.createDirectories(directory.resolve("old")));
        Flyway.configure().dataSource(old.settings().jdbcUrl(), null, null).locations("classpath:db/sqlite")
                .target("6").load().migrate();
        long at = AT.toEpochMilli();
        old.execute("INSERT INTO games (app_id, name, created_at, updated_at, last_modified) VALUES (10, 'Fresh', "
                + at + ", " + at + ", 1745368572000), (20, 'Stale', 1767225600000, 1767225600000, NULL)");
        old.execute("INSERT INTO price_checks (app_id, country, checked_at) VALUES (10, 'us', " + at + ")");
        old.execute("INSERT INTO game_metadata (app_id, fetch_status, details_fetched_at, last_updated) VALUES"
                + " (10, 'success', " + at + ", " + at + "), (20, 'success', 1767225600000, NULL)");
        old.execute("INSERT INTO collection_runs (mode, started_at, finished_at, status) VALUES ('incremental', "
                + at + ", NULL, 'running')");
        old.execute("INSERT INTO run_locks (name, pid, host, mode, started_at, heartbeat_at) VALUES ('run', 1, 'h',"
                + " 'incremental', " + at + ", " + (at + 1) + ")");

        try (Database migrated = Database.open(old.settings())) {
            migrated.migrations().applyIfBehind();

            assertThat(old.queryLong("SELECT COUNT(*) FROM games WHERE typeof(created_at) <> 'text'"
                    + " OR typeof(updated_at) <> 'text'")).isZero();
            assertThat(old.queryString("SELECT created_at FROM games WHERE app_id = 10"))
                    .isEqualTo("2026-11-29 16:12:51.118");
            assertThat(old.queryString("SELECT created_at FROM games WHERE app_id = 20"))
                    .isEqualTo("2026-01-01 00:00:00.000");
            assertThat(old.queryString("SELECT heartbeat_at FROM run_locks")).isEqualTo("2026-11-29 16:12:51.119");
            assertThat(old.queryString("SELECT last_updated FROM game_metadata WHERE app_id = 20")).isNull();
            assertThat(old.queryString("SELECT last_modified FROM games WHERE app_id = 10"))
                    .isEqualTo("2025-04-23 00:36:12.000");
            assertThat(old.queryString("SELECT checked_at FROM price_checks")).isEqualTo("2026-11-29 16:12:51.118");
            assertThat(migrated.runs().findLatest(1).getFirst().startedAt()).isEqualTo(AT);
            // converted rows compare with new ones: 20 is stale, 10 was fetched at AT
            assertThat(migrated.metadata().findDue(DueSelection.dueAt(AT.plusSeconds(3600), 10)))
                    .extracting(DueGame::appId).containsExactly(20);
        }
    }
}
