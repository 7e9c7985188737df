package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.config.DatabaseSettings;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.testing.MariaDbServer;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The repository contract on a real MariaDB server started by the test suite, and what is MySQL's own. */
class MariaDbRepositoryIT extends RepositoryContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }

    @Test
    void storesUtcTimesWithMillisecondsWhateverTheZoneOfTheJvm() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try (Database tokyo = Database.open(db.settings())) {
            tokyo.games().upsertGames(List.of(new Game(10, "X")), T0.plusMillis(118));
            long run = tokyo.runs().start("incremental", 1, "host", T1);

            assertThat(db.queryString("SELECT CAST(created_at AS CHAR) FROM games"))
                    .isEqualTo("2026-01-01 00:00:00.118");
            assertThat(db.queryString("SELECT CAST(started_at AS CHAR) FROM collection_runs WHERE id = " + run))
                    .isEqualTo("2026-01-01 01:00:00.000");
            // Hibernate's parameters meet the times plain JDBC wrote, and read back as written
            assertThat(tokyo.games().countCreatedSince(T0.plusMillis(118))).isEqualTo(1);
            assertThat(tokyo.games().countCreatedSince(T0.plusMillis(119))).isZero();
            assertThat(tokyo.runs().findLatest(1).getFirst().startedAt()).isEqualTo(T1);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void everyTableIsUtf8mb4WithExactComparisonsOnAServerThatDefaultsToLatin1() {
        assertThat(db.queryString("SELECT @@character_set_database")).isEqualTo("latin1");

        assertThat(db.queryLong("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name <> 'flyway_schema_history' AND table_collation <> 'utf8mb4_bin'")).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name <> 'flyway_schema_history' AND character_set_name IS NOT NULL"
                + " AND character_set_name <> 'utf8mb4'")).isZero();
    }

    @Test
    void timesAreDatetimeWithMillisecondsAndJsonIsJson() {
        assertThat(db.queryLong("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name <> 'flyway_schema_history' AND (column_name LIKE '%\\_at' OR column_name = 'last_updated')"
                + " AND NOT (data_type = 'datetime' AND datetime_precision = 3)")).isZero();
        database.games().upsertGames(List.of(new Game(10, "X")), T0);
        database.metadata().upsert(List.of(new Fetched(metadata(10, "Valve", 999), T1)));

        assertThat(db.queryLong("SELECT JSON_EXTRACT(tags_json, '$.FPS') FROM game_metadata")).isEqualTo(10);
        assertThat(db.queryLong("SELECT COUNT(*) FROM information_schema.check_constraints"
                + " WHERE constraint_schema = DATABASE() AND table_name = 'game_metadata'"
                + " AND check_clause LIKE '%json_valid%tags_json%'")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "jdbc:mysql", "jdbc:mariadb"})
    void everyUrlFormReachesTheSameDatabase(String form) {
        database.games().upsertGames(List.of(new Game(10, "X")), T0);
        String url = switch (form) {
            case "mysql" -> db.url().replaceFirst("^mariadb:", "mysql:");
            default -> form + "://127.0.0.1:" + port() + "/" + name() + "?user=" + MariaDbServer.USER
                    // the driver reads its own options as written, undecoded
                    + "&password=" + MariaDbServer.PASSWORD;
        };

        try (Database other = Database.open(DatabaseSettings.parse(url, Path.of("")))) {
            assertThat(other.settings().kind()).isEqualTo(DatabaseSettings.Kind.MYSQL);
            assertThat(other.games().countByActive()).isEqualTo(new GameRepository.ActiveCounts(1, 0));
        }
    }

    private String name() {
        return db.url().substring(db.url().lastIndexOf('/') + 1);
    }

    private String port() {
        String hostAndPort = db.url().substring(db.url().lastIndexOf('@') + 1, db.url().lastIndexOf('/'));
        return hostAndPort.substring(hostAndPort.indexOf(':') + 1);
    }
}
