package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.config.DatabaseSettings;
import dev.steamcollector.persistence.DatabaseException.Reason;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the drivers throw, said in one line the user can act on. */
class DatabaseFailuresTest {

    private static final DatabaseFailures SQLITE = new DatabaseFailures(
            DatabaseSettings.parse("sqlite:////srv/steam/steam_games.db", Path.of("/")));
    private static final DatabaseFailures POSTGRES = new DatabaseFailures(
            DatabaseSettings.parse("postgresql://collector:PgPassSECRET@db:5432/steam", Path.of("/")));

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "08003", "57P01", "57P03"})
    void aServerThatWentAwayIsALostConnection(String sqlState) {
        SQLException cause = new SQLException("An I/O error occurred while sending to the backend.", sqlState);

        assertThat(DatabaseFailures.isConnectionLoss(new RuntimeException("wrapped", cause))).isTrue();
    }

    @Test
    void thePoolTimingOutIsALostConnection() {
        assertThat(DatabaseFailures.isConnectionLoss(new SQLTransientConnectionException(
                "steam-collector - Connection is not available, request timed out after 10000ms."))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "42P01", "28P01"})
    void otherErrorsAreNot(String sqlState) {
        assertThat(DatabaseFailures.isConnectionLoss(new SQLException("no", sqlState))).isFalse();
    }

    @Test
    void aFullDiskIsSaidWithThePathAndIsTemporary() {
        SQLException full = new SQLException("[SQLITE_FULL] Insertion failed because database is full", null, 13);

        DatabaseException explained = SQLITE.explain(new IllegalStateException("commit failed", full)).orElseThrow();

        assertThat(explained.getMessage()).startsWith("disk full: cannot write to /srv/steam/steam_games.db");
        assertThat(explained.reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void aReadOnlyFileIsAConfigurationError() {
        SQLException readOnly = new SQLException("[SQLITE_READONLY] attempt to write a readonly database", null, 8);

        DatabaseException explained = SQLITE.explain(readOnly).orElseThrow();

        assertThat(explained.getMessage()).contains("/srv/steam/steam_games.db is read-only");
        assertThat(explained.reason()).isEqualTo(Reason.MISCONFIGURED);
    }

    @Test
    void givingUpOnALostServerNamesTheDatabaseAndNotItsPassword() {
        DatabaseException lost = POSTGRES.lost("60s", new SQLTransientConnectionException(
                "steam-collector - Connection is not available, request timed out after 10000ms."));

        assertThat(lost.getMessage()).contains("jdbc:postgresql://db:5432/steam", "60s")
                .doesNotContain("PgPassSECRET", "Connection is not available");
        assertThat(lost.getMessage().lines()).hasSize(1);
        assertThat(lost.reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void aPostgresErrorCodeIsNotReadAsSqlite() {
        assertThat(POSTGRES.explain(new SQLException("x", "XX000", 13))).isEmpty();
    }
}
