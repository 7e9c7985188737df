package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.model.Game;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on a real SQLite file. */
class SqliteRepositoryIT extends RepositoryContract {

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
    void storesTimestampsAsEpochMillisecondsSoTheyCompareAsNumbers() {
        database.games().upsertGames(List.of(new Game(10, "X")), T0);
        assertThat(db.queryString("SELECT typeof(created_at) FROM games")).isEqualTo("integer");
        assertThat(db.queryLong("SELECT created_at FROM games")).isEqualTo(T0.toEpochMilli());
    }
}
