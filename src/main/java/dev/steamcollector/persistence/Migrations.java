package dev.steamcollector.persistence;

import dev.steamcollector.config.DatabaseSettings.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** The Flyway migrations shipped in the jar under {@code db/<database>}. */
public final class Migrations {

    /** The newest migration shipped (V{n}__*.sql in both db/ folders); a test keeps it in step. */
    static final int LATEST_VERSION = 9;

    private final Kind kind;
    private final DataSource dataSource;
    private Flyway flyway;

    Migrations(Kind kind, DataSource dataSource) {
        this.kind = kind;
        this.dataSource = dataSource;
    }

    private Flyway flyway() {
        if (flyway == null) {
            flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/" + kind.name().toLowerCase(Locale.ROOT))
                    .load();
        }
        return flyway;
    }

    /**
     * Applies the migrations when the schema is behind. A current schema is recognised with one
     * query, without starting Flyway, which saves a second of every run's start-up.
     */
    public void applyIfBehind() {
        if (appliedVersion() < LATEST_VERSION) {
            apply();
        }
    }

    private int appliedVersion() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = TRUE")) {
            int version = row.next() ? row.getInt(1) : 0;
            connection.commit();
            return version;
        } catch (SQLException noHistoryYet) {
            return 0;
        }
    }

    /** Applies what is pending; returns how many migrations ran and the schema version now in force. */
    public Outcome apply() {
        try {
            MigrateResult result = flyway().migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : String.valueOf(flyway().info().current() == null ? "none" : flyway().info().current().getVersion());
            return new Outcome(result.migrationsExecuted, version);
        } catch (FlywayException e) {
            throw new DatabaseException("migration failed: " + e.getMessage().lines().findFirst().orElse(""),
                    DatabaseException.Reason.FAILED, e);
        }
    }

    /** Whether migrations remain to be applied. */
    public boolean pending() {
        return flyway().info().pending().length > 0;
    }

    /** Fails with a one-line hint to run {@code migrate} when the schema is behind; for read-only commands. */
    public void requireCurrent() {
        if (pending()) {
            throw new DatabaseException("the database schema is behind; run 'steam-collector migrate' first",
                    DatabaseException.Reason.MISCONFIGURED, null);
        }
    }

    /** The result of {@link #apply()}. */
    public record Outcome(int applied, String schemaVersion) {
    }
}
