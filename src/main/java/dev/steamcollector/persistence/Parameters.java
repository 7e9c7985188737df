package dev.steamcollector.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;

/** Binds nullable values the same way on SQLite and PostgreSQL. */
final class Parameters {

    private Parameters() {
    }

    /** Instants go in as JDBC timestamps: epoch milliseconds on SQLite, timestamptz on PostgreSQL. */
    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setTimestamp(index, Timestamp.from(value));
        }
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

    /** JSON text; typed by the server ({@code jsonb} on PostgreSQL), plain text on SQLite. */
    static void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        if (json == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, json, Types.OTHER);
        }
    }

    static void setValue(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value, sqlType);
        }
    }

    /** A nullable integer column. */
    static Integer getInteger(ResultSet row, int index) throws SQLException {
        int value = row.getInt(index);
        return row.wasNull() ? null : value;
    }
}
