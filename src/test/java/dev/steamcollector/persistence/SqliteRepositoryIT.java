package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.model.RememberedPace;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunStatus;
import dev.steamcollector.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on a real SQLite file, and how SQLite holds timestamps. */
class SqliteRepositoryIT extends RepositoryContract {

    static final Instant AT = Instant.parse("2026-11-29T16:12:51.118Z");

    /** The tables version 11 rebuilds, each with its key. */
    private static final Map<String, String> REBUILT_KEYS =
            Map.of("run_locks", "name", "page_passes", "name", "endpoint_pace", "endpoint");

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

    /**
     * Version 11 rebuilds the three tables whose TEXT key admitted NULL, so that it is NOT NULL: every row
     * comes through as it was, value and type.
     */
    @Test
    void migratingToVersion11KeepsTheRowsOfTheRebuiltTables() throws IOException {
        TestDatabase old = atVersion10WithRows("v10");
        Map<String, String> before = rowsOfRebuiltTables(old);
        assertThat(before.get("endpoint_pace")).isEqualTo("'steamspy', 1.0, 1.0, NULL, NULL, '2026-11-29 16:12:51.118'"
                + " | 'store', 0.5, 0.6667, 0.75, '2026-11-29 16:10:00.000', '2026-11-29 16:12:51.118'");

        try (Database migrated = Database.open(old.settings())) {
            migrated.migrations().apply();

            assertThat(rowsOfRebuiltTables(old)).isEqualTo(before);
            REBUILT_KEYS.forEach((table, key) -> assertThat(old.queryLong(
                    "SELECT \"notnull\" FROM pragma_table_info('" + table + "') WHERE name = '" + key + "'"))
                    .as(table + "." + key + " NOT NULL").isEqualTo(1));
            assertThat(old.queryLong("SELECT COUNT(*) FROM pragma_foreign_key_check")).isZero();
            // and the program reads them as before
            assertThat(migrated.pagePasses().find()).hasValueSatisfying(pass -> {
                assertThat(pass.nextPage()).isEqualTo(37);
                assertThat(pass.completed()).isFalse();
            });
            assertThat(migrated.paces().findAll()).extracting(RememberedPace::endpoint)
                    .containsExactly("steamspy", "store");
        }
    }

    /** A row version 11 cannot keep (a NULL key) stops it whole: the database stays at version 10, rows and all. */
    @Test
    void aNullKeyStopsVersion11AndLeavesTheDatabaseAsItWas() throws IOException {
        TestDatabase old = atVersion10WithRows("null-key");
        old.execute("INSERT INTO page_passes (name, next_page, started_at, updated_at) VALUES"
                + " (NULL, 1, '2026-11-29 16:00:00.000', '2026-11-29 16:00:00.000')");
        Map<String, String> before = rowsOfRebuiltTables(old);

        try (Database migrated = Database.open(old.settings())) {
            assertThatThrownBy(() -> migrated.migrations().apply()).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("V11__not_null_text_keys.sql")
                    .rootCause().hasMessageContaining("NOT NULL constraint failed: page_passes_v11.name");

            assertThat(old.queryLong("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")).isEqualTo(10);
            assertThat(old.queryLong("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%_v11'")).isZero();
            assertThat(rowsOfRebuiltTables(old)).isEqualTo(before);
        }
    }

    /**
     * Version 12 rebuilds game_metadata with its status CHECK as ORs (an IN list costs SQLite a small
     * table a row): every row and index stays, and the rule still holds.
     */
    @Test
    void migratingToVersion12KeepsTheMetadataRowsIndexesAndStatusRule() throws IOException {
        TestDatabase old = TestDatabase.sqlite(Files.createDirectories(directory.resolve("v11")));
        Flyway.configure().dataSource(old.settings().jdbcUrl(), null, null).locations("classpath:db/sqlite")
                .target("11").load().migrate();
        old.execute("INSERT INTO games (app_id, name, created_at, updated_at, is_active) VALUES"
                + " (10, 'A', '2026-11-29 16:00:00.000', '2026-11-29 16:00:00.000', TRUE),"
                + " (20, 'B', '2026-11-29 16:00:00.000', '2026-11-29 16:00:00.000', TRUE),"
                + " (30, 'C', '2026-11-29 16:00:00.000', '2026-11-29 16:00:00.000', TRUE)");
        old.execute("INSERT INTO game_metadata (app_id, developer, owners_min, ccu, tags_json, last_updated,"
                + " fetch_attempts, fetch_status, details_fetched_at, page_fetched_at) VALUES"
                + " (10, 'Valve', 20000, 12, '{\"FPS\":90}', '2026-11-29 16:12:51.118', 0, 'success',"
                + " '2026-11-29 16:12:51.118', '2026-11-29 16:00:00.000')");
        old.execute("INSERT INTO game_metadata (app_id, fetch_attempts, fetch_status, last_error, next_attempt_at)"
                + " VALUES (20, 3, 'failed', 'HTTP 500', '2026-11-30 16:00:00.000')");
        old.execute("INSERT INTO game_metadata (app_id) VALUES (30)");
        String before = rowsOf(old, "game_metadata", "app_id");
        String indexes = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                + " WHERE type = 'index' AND tbl_name = 'game_metadata' ORDER BY name)";
        String indexesBefore = old.queryString(indexes);

        try (Database migrated = Database.open(old.settings())) {
            migrated.migrations().apply();

            assertThat(rowsOf(old, "game_metadata", "app_id")).isEqualTo(before);
            assertThat(old.queryString(indexes)).isEqualTo(indexesBefore);
            assertThat(old.queryLong("SELECT COUNT(*) FROM pragma_foreign_key_check")).isZero();
            assertThatThrownBy(() -> old.execute("UPDATE game_metadata SET fetch_status = 'done' WHERE app_id = 30"))
                    .rootCause().hasMessageContaining("CHECK constraint failed");
            assertThat(migrated.metadata().find(10)).hasValueSatisfying(stored -> {
                assertThat(stored.data().developer()).isEqualTo("Valve");
                assertThat(stored.data().tagsJson()).isEqualTo("{\"FPS\":90}");
            });
        }
    }

    private TestDatabase atVersion10WithRows(String name) throws IOException {
        TestDatabase old = TestDatabase.sqlite(Files.createDirectories(directory.resolve(name)));
        Flyway.configure().dataSource(old.settings().jdbcUrl(), null, null).locations("classpath:db/sqlite")
                .target("10").load().migrate();
        old.execute("INSERT INTO run_locks (name, pid, host, mode, started_at, heartbeat_at) VALUES ('run', 4242,"
                + " 'host-1', 'incremental', '2026-11-29 16:12:51.118', '2026-11-29 16:13:21.118')");
        old.execute("INSERT INTO page_passes (name, next_page, started_at, completed_at, updated_at) VALUES"
                + " ('steamspy_all', 37, '2026-11-29 16:00:00.000', NULL, '2026-11-29 16:12:51.118')");
        old.execute("INSERT INTO endpoint_pace (endpoint, pace_per_second, limit_per_second, too_fast_per_second,"
                + " slowed_at, updated_at) VALUES ('store', 0.5, 0.6667, 0.75, '2026-11-29 16:10:00.000',"
                + " '2026-11-29 16:12:51.118'), ('steamspy', 1.0, 1.0, NULL, NULL, '2026-11-29 16:12:51.118')");
        return old;
    }

    /** Each rebuilt table's rows as SQLite's quote() writes them (text quoted, NULL bare), in key order. */
    private static Map<String, String> rowsOfRebuiltTables(TestDatabase sqlite) {
        Map<String, String> rows = new TreeMap<>();
        REBUILT_KEYS.forEach((table, key) -> rows.put(table, rowsOf(sqlite, table, key)));
        return rows;
    }

    /** A table's rows as SQLite's quote() writes them (text quoted, NULL bare), in {@code key} order. */
    private static String rowsOf(TestDatabase sqlite, String table, String key) {
        String columns = String.join(" || ', ' || ", sqlite.queryString(
                "SELECT group_concat('quote(' || name || ')', ',') FROM pragma_table_info('" + table + "')")
                .split(","));
        return sqlite.queryString("SELECT group_concat(r, ' | ') FROM (SELECT " + columns
                + " AS r FROM " + table + " ORDER BY " + key + ")");
    }
}
