package dev.steamcollector.testing;

import dev.steamcollector.config.DatabaseSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;

/** A fresh, empty database of any supported kind, with plain-JDBC access for assertions and arranging. */
public record TestDatabase(String url, DatabaseSettings settings) {

    /** A SQLite file in {@code directory}; the URL is relative, so run the program in that directory. */
    public static TestDatabase sqlite(Path directory) {
        String url = "sqlite:///steam_games.db";
        return new TestDatabase(url, DatabaseSettings.parse(url, directory));
    }

    public static TestDatabase postgres() {
        String url = EmbeddedPostgresServer.createDatabase();
        return new TestDatabase(url, DatabaseSettings.parse(url, Path.of("")));
    }

    /** A database on the suite's MariaDB server, as a {@code mariadb://} URL. */
    public static TestDatabase mariadb() {
        return mariadb("mariadb");
    }

    /** The same, with the URL in the form of {@code scheme} ({@code mysql} or {@code mariadb}). */
    public static TestDatabase mariadb(String scheme) {
        String url = MariaDbServer.createDatabase(scheme);
        return new TestDatabase(url, DatabaseSettings.parse(url, Path.of("")));
    }

    /** {@code kind}: {@code sqlite}, {@code postgresql} or {@code mariadb}. */
    public static TestDatabase of(String kind, Path directory) {
        return switch (kind) {
            case "sqlite" -> sqlite(directory);
            case "postgresql" -> postgres();
            case "mariadb" -> mariadb();
            default -> throw new IllegalArgumentException("no test database of kind " + kind);
        };
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password.reveal()));
        if (settings.kind() == DatabaseSettings.Kind.MYSQL) {
            // as the program's own connections: DATETIME values are UTC whatever the JVM's zone
            properties.setProperty("connectionTimeZone", "UTC");
            properties.setProperty("forceConnectionTimeZoneToSession", "true");
            properties.setProperty("preserveInstants", "true");
            // assertions join columns with ||, as SQLite and PostgreSQL do (MySQL reads it as OR otherwise)
            properties.setProperty("sessionVariables", "sql_mode=CONCAT(@@sql_mode,',PIPES_AS_CONCAT')");
        }
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    /** The single number a query returns. */
    public long queryLong(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The single text a query returns. */
    public String queryString(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Migrates this database with the command line, run in {@code directory}; returns it. */
    public TestDatabase migrated(Path directory) {
        CliRun migrate = CliRun.run(directory, Map.of("DATABASE_URL", url), "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        return this;
    }

    /** Adds {@code ids} as active games named "Game N"; returns this database. */
    public TestDatabase withGames(List<Integer> ids) {
        return withGames(ids, id -> "Game " + id);
    }

    /** Adds {@code ids} as active games named by {@code name}; returns this database. */
    public TestDatabase withGames(List<Integer> ids, IntFunction<String> name) {
        insert(ids, "INSERT INTO games (app_id, name, created_at, updated_at, is_active) VALUES (?, ?, ?, ?, TRUE)",
                (insert, id, now) -> {
                    insert.setString(2, name.apply(id));
                    insert.setTimestamp(3, now);
                    insert.setTimestamp(4, now);
                });
        return this;
    }

    /** Queues a price-drop announcement (20.00 to 10.00 USD) for each of {@code ids}; returns this database. */
    public TestDatabase withQueuedDrops(List<Integer> ids) {
        insert(ids, """
                INSERT INTO notifications (app_id, kind, currency, old_price_cents, new_price_cents,
                                           initial_price_cents, discount_percent, observed_on, created_at)
                VALUES (?, 'price_drop', 'USD', 2000, 1000, 2000, 50, '2026-01-12', ?)""",
                (insert, id, now) -> insert.setTimestamp(2, now));
        return this;
    }

    @FunctionalInterface
    private interface RowBinder {
        void bind(PreparedStatement insert, int id, Timestamp now) throws SQLException;
    }

    private void insert(List<Integer> ids, String sql, RowBinder binder) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int id : ids) {
                insert.setInt(1, id);
                binder.bind(insert, id, now);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public boolean isSqlite() {
        return settings.kind() == DatabaseSettings.Kind.SQLITE;
    }

    public boolean isMysql() {
        return settings.kind() == DatabaseSettings.Kind.MYSQL;
    }

    /** The folder of this database's migrations, {@code db/sqlite} for one. */
    public String migrationFolder() {
        return "db/" + settings.kind().name().toLowerCase(Locale.ROOT);
    }
}
