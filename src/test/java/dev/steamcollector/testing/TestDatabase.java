package dev.steamcollector.testing;

import dev.steamcollector.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh, empty database of either kind, with plain-JDBC access for assertions and arranging. */
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

    public static TestDatabase of(String kind, Path directory) {
        return kind.equals("sqlite") ? sqlite(directory) : postgres();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user().orElse(null),
                settings.password().map(p -> p.reveal()).orElse(null));
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
}
