package dev.steamcollector.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** Binds nullable values the same way on every database. */
final class Parameters {

    private Parameters() {
    }

    /**
     * Instants go in as JDBC timestamps: epoch milliseconds on SQLite, timestamptz on PostgreSQL,
     * DATETIME(3) in UTC on MySQL (the connection's zone is UTC, see {@link SqlDialect}).
     */
    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setTimestamp(index, Timestamp.from(value));
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
