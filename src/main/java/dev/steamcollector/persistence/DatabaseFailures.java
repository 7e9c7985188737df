package dev.steamcollector.persistence;

import dev.steamcollector.config.DatabaseSettings;
import dev.steamcollector.config.DatabaseSettings.Kind;
import dev.steamcollector.persistence.DatabaseException.Reason;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.hibernate.JDBCException;

/**
 * Says in one line what a database failure means for the user: a lost connection, a full disk, a
 * read-only file. The drivers' own texts (pool timeouts, {@code SQLITE_FULL}) stay in the cause.
 */
final class DatabaseFailures {

    /** PostgreSQL's shutdown states: the server is going away or not up yet. */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_FULL = 13;
    private static final String DISK_FULL = "disk full: cannot write to ";

    private final DatabaseSettings settings;

    DatabaseFailures(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** Whether {@code failure} is a lost connection (server down or restarting, network): trying again may work. */
    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The failure as the user should read it, when it is one of those this class knows. */
    Optional<DatabaseException> explain(Throwable failure) {
        if (failure instanceof DatabaseException known) {
            return Optional.of(known);
        }
        if (settings.kind() != Kind.SQLITE) {
            return Optional.empty();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                int code = sql.getErrorCode() & 0xFF;
                if (code == SQLITE_FULL) {
                    return Optional.of(diskFull(failure));
                }
                if (code == SQLITE_READONLY) {
                    return Optional.of(new DatabaseException("the database file " + sqlitePath()
                            + " is read-only: make it and its directory writable for this user", Reason.MISCONFIGURED,
                            failure));
                }
            }
        }
        return Optional.empty();
    }

    /** The disk of the SQLite file has no room left. */
    DatabaseException diskFull(Throwable cause) {
        return new DatabaseException(DISK_FULL + sqlitePath() + " (SQLITE_FULL); free some space, then run again",
                Reason.UNAVAILABLE, cause);
    }

    static boolean isDiskFull(RuntimeException failure) {
        return failure instanceof DatabaseException e && e.getMessage() != null && e.getMessage().startsWith(DISK_FULL);
    }

    /** Any failure of database work as an unchecked exception, explained when possible. */
    RuntimeException toRuntime(Throwable failure) {
        Optional<DatabaseException> explained = explain(failure);
        if (explained.isPresent()) {
            return explained.get();
        }
        if (failure instanceof JDBCException wrapped && wrapped.getSQLException() != null) {
            // the session's wrapping of a native statement's failure: reported as the statement's own
            return new DatabaseException(String.valueOf(wrapped.getSQLException().getMessage()), Reason.FAILED,
                    failure);
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new DatabaseException(String.valueOf(failure.getMessage()), Reason.FAILED, failure);
    }

    /** After the connection stayed lost for {@code window}: the one line the run ends with. */
    DatabaseException lost(String window, Throwable cause) {
        return new DatabaseException("lost the connection to the database " + settings.describe()
                + " and could not reconnect within " + window + "; work committed before is saved, run again later",
                Reason.UNAVAILABLE, cause);
    }

    private String sqlitePath() {
        String path = settings.jdbcUrl().substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
