package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.config.Secret;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.testing.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The repository contract on a real PostgreSQL server started by the test suite. */
class PostgresRepositoryIT extends RepositoryContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }

    /** A database written before version 8 holds tags_json as text; migrating makes it jsonb, data kept. */
    @Test
    void migratingTurnsJsonTextIntoJsonbInPlace() {
        TestDatabase old = TestDatabase.postgres();
        Flyway.configure().dataSource(old.settings().jdbcUrl(), old.settings().user().orElse(null),
                old.settings().password().map(Secret::reveal).orElse(null)).locations("classpath:db/postgresql")
                .target("3").load().migrate();
        old.execute("INSERT INTO games (app_id, name, created_at, updated_at) VALUES (10, 'X', now(), now())");
        old.execute("INSERT INTO game_metadata (app_id, tags_json) VALUES (10, '{\"Indie\":120,\"Action\":80}')");

        try (Database migrated = Database.open(old.settings())) {
            migrated.migrations().applyIfBehind();
        }

        assertThat(old.queryLong("SELECT (tags_json->>'Indie')::int FROM game_metadata")).isEqualTo(120);
        assertThat(old.queryString("SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'game_metadata' AND column_name = 'tags_json'")).isEqualTo("jsonb");
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
