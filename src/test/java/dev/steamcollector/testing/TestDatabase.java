package dev.steamcollector.testing;

import dev.steamcollector.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

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
