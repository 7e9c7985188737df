package dev.steamcollector.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.sqlite.core.CoreStatement;

/**
 * Binds and reads values the same way on every database. Every timestamp written by native SQL
 * goes through {@link #setInstant}, and every one read through {@link #getInstant}: on SQLite
 * they are ISO-8601 UTC text ({@link SqliteTimestamp}), elsewhere the database's timestamp type
 * (timestamptz on PostgreSQL, DATETIME(3) in UTC on MySQL: the connection's zone is UTC, see
 * {@link SqlDialect}).
 */
final class Parameters {

    /** The SQL type of a JSON column ({@code jsonb} on PostgreSQL, text on SQLite): the database converts the text. */
    static final int JSON = Types.OTHER;

    private Parameters() {
    }

    /** Instants go in as ISO-8601 UTC text with milliseconds on SQLite, as timestamps (timestamptz) elsewhere. */
    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (isSqlite(statement)) {
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else {
                statement.setString(index, SqliteTimestamp.format(value));
            }
        } else if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setTimestamp(index, Timestamp.from(value));
        }
    }

    /** The instant in a timestamp column, or null. */
    static Instant getInstant(ResultSet row, int index) throws SQLException {
        return switch (row.getObject(index)) {
            case null -> null;
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime offset -> offset.toInstant();
            case String text -> SqliteTimestamp.parse(text);
            case Number millis -> SqliteTimestamp.parse(millis);
            default -> row.getTimestamp(index).toInstant();
        };
    }

    static void setValue(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            // a JSON text bound as OTHER is typed by the server: jsonb on PostgreSQL; SQLite stores the text
            statement.setObject(index, value, sqlType);
        }
    }

    /** A nullable integer column. */
    static Integer getInteger(ResultSet row, int index) throws SQLException {
        int value = row.getInt(index);
        return row.wasNull() ? null : value;
    }

    private static boolean isSqlite(PreparedStatement statement) throws SQLException {
        return statement.isWrapperFor(CoreStatement.class);
    }
}
