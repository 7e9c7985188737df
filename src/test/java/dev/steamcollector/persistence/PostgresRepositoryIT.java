package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repository contract on a real PostgreSQL server started by the test suite. */
class PostgresRepositoryIT extends RepositoryContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }

    @Test
    void jsonColumnsAreJsonbForJsonOperators() {
        database.games().upsertGames(List.of(new Game(10, "X")), T0);
        database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), T0)));

        assertThat(db.queryString("SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'game_metadata' AND column_name = 'tags_json'")).isEqualTo("jsonb");
        assertThat(db.queryLong("SELECT (tags_json->>'FPS')::int FROM game_metadata")).isEqualTo(10);
        assertThat(database.metadata().find(10).orElseThrow().data().tagsJson()).isEqualTo("{\"FPS\": 10}");
    }
}
