package dev.steamcollector.persistence;

import dev.steamcollector.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** The Flyway migrations shipped in the jar under {@code db/<database>}. */
public final class Migrations {

    /** The newest migration shipped (V{n}__*.sql in every db/ folder); a test keeps it in step. */
    static final int LATEST_VERSION = 12;

    private static final String HISTORY = "flyway_schema_history";

    private final DatabaseSettings settings;
    private final SqlDialect dialect;
    private final DataSource dataSource;
    private final DatabaseFailures failures;
    private Flyway flyway;

    Migrations(DatabaseSettings settings, SqlDialect dialect, DataSource dataSource, DatabaseFailures failures) {
        this.settings = settings;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.failures = failures;
    }

    private Flyway flyway() {
        if (flyway == null) {
            flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/" + dialect.name().toLowerCase(Locale.ROOT))
                    .load();
        }
        return flyway;
    }

    /**
     * Applies the migrations when the schema is behind. A current schema is recognised with one
     * query, without starting Flyway, which saves a second of every run's start-up.
     */
    public void applyIfBehind() {
        if (isBehind()) {
            apply();
        }
    }

    /** Whether migrations are pending (a new database has none applied); one query, without Flyway. */
    public boolean isBehind() {
        return appliedVersion() < LATEST_VERSION;
    }

    private int appliedVersion() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT MAX(" + dialect.integer("version") + ") FROM flyway_schema_history WHERE success = TRUE")) {
            int version = row.next() ? row.getInt(1) : 0;
            connection.commit();
            return version;
        } catch (SQLException noHistoryYet) {
            return 0;
        }
    }

    /** Applies what is pending; returns how many migrations ran and the schema version now in force. */
    public Outcome apply() {
        requireOurs();
        try {
            MigrateResult result = flyway().migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : String.valueOf(flyway().info().current() == null ? "none" : flyway().info().current().getVersion());
            return new Outcome(result.migrationsExecuted, version);
        } catch (FlywayException e) {
            throw failures.explain(e).orElseGet(() -> new DatabaseException(
                    "migration failed: " + e.getMessage().lines().findFirst().orElse(""), DatabaseException.Reason.FAILED, e));
        }
    }

    /** Whether migrations remain to be applied. */
    public boolean pending() {
        return flyway().info().pending().length > 0;
    }

    /**
     * Fails with a one-line hint to run {@code migrate} when the schema is behind; for read-only
     * commands, which check it with one query rather than starting Flyway.
     */
    public void requireCurrent() {
        requireOurs();
        if (appliedVersion() < LATEST_VERSION) {
            throw new DatabaseException("the database schema is behind; run 'steam-collector migrate' first",
                    DatabaseException.Reason.MISCONFIGURED, null);
        }
    }

    /**
     * Refuses a database that holds tables but no schema history of ours: it belongs to another
     * program, and migrating it would mix two programs' tables (or fail on a table of the same name).
     */
    private void requireOurs() {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            // this database's tables only: MySQL and MariaDB call it the catalog, PostgreSQL the schema
            try (ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rows.next()) {
                    String name = rows.getString("TABLE_NAME");
                    if (name.equalsIgnoreCase(HISTORY)) {
                        return;
                    }
                    if (!name.startsWith("sqlite_")) {
                        tables.add(name);
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw failures.explain(e).orElseGet(() -> new DatabaseException(
                    "cannot read the tables of " + settings.describe() + ": " + e.getMessage(),
                    DatabaseException.Reason.FAILED, e));
        }
        if (!tables.isEmpty()) {
            Collections.sort(tables);
            throw new DatabaseException("the database " + settings.describe() + " belongs to another program: it holds "
                    + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                    + (tables.size() > 5 ? " and " + (tables.size() - 5) + " more tables" : "")
                    + " but no steam-collector schema history; point DATABASE_URL at an empty database or at one "
                    + "steam-collector created", DatabaseException.Reason.MISCONFIGURED, null);
        }
    }

    /** The result of {@link #apply()}. */
    public record Outcome(int applied, String schemaVersion) {
    }
}
