package dev.steamcollector.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.postgresql.PGStatement;
import org.sqlite.core.CoreStatement;
import java.time.LocalDate;

/**
 * Binds and reads values the same way on every database. Every timestamp written by native SQL
 * goes through {@link #setInstant}, and every one read through {@link #getInstant}: on SQLite
 * they are ISO-8601 UTC text ({@link SqliteTimestamp}), elsewhere the database's timestamp type
 * (timestamptz on PostgreSQL, DATETIME(3) in UTC on MySQL: the connection's zone is UTC, see
 * {@link SqlDialect}).
 */
final class Parameters {

    /** The SQL type of a JSON column ({@code jsonb} on PostgreSQL, JSON on MySQL, text on SQLite): bound as its text. */
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

    /**
     * The timestamp in a column as it compares with what {@link #setInstant} writes: SQLite's text as
     * stored (a value in another form then differs, as it does in SQL), an instant elsewhere.
     */
    static Object getStoredInstant(ResultSet row, int index) throws SQLException {
        return switch (row.getObject(index)) {
            case null -> null;
            case String text -> text;
            case Number millis -> millis;
            default -> getInstant(row, index);
        };
    }

    /** Whether {@code stored} (from {@link #getStoredInstant}, or an instant) is what {@link #setInstant} writes for {@code value}. */
    static boolean holdsInstant(Object stored, Instant value) {
        return switch (stored) {
            case String text -> value != null && text.equals(SqliteTimestamp.format(value));
            case Instant instant -> instant.equals(value);
            case null -> value == null;
            default -> false;
        };
    }

    /** Dates go in as ISO text ({@code 2015-05-18}) on SQLite, what its date functions read, and as dates elsewhere. */
    static void setDate(PreparedStatement statement, int index, LocalDate value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DATE);
        } else if (statement.getConnection().getMetaData().getURL().startsWith("jdbc:sqlite:")) {
            statement.setString(index, value.toString());
        } else {
            statement.setObject(index, value);
        }
    }

    /** JSON text; typed by the server ({@code jsonb} on PostgreSQL, JSON on MySQL), plain text on SQLite. */
    static void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        setValue(statement, index, json, JSON);
    }

    static void setValue(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        // a JSON text bound as OTHER is typed jsonb by PostgreSQL; MySQL's JSON column and SQLite take it as text
        int type = sqlType == JSON && !isPostgresql(statement) ? Types.VARCHAR : sqlType;
        if (value == null) {
            statement.setNull(index, type);
        } else {
            statement.setObject(index, value, type);
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

    private static boolean isPostgresql(PreparedStatement statement) throws SQLException {
        return statement.isWrapperFor(PGStatement.class);
    }
}
