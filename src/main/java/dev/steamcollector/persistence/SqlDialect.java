package dev.steamcollector.persistence;

import com.zaxxer.hikari.HikariConfig;
import dev.steamcollector.config.DatabaseSettings.Kind;
import java.util.List;
import java.util.Optional;

/**
 * Everything that differs between the supported databases in the native statements: connection
 * settings and the few pieces of SQL that are not written alike (Hibernate's own statements follow
 * its dialect). The repositories build their
 * statements from these pieces, so each statement is written once for all databases.
 *
 * <p>SQLite and PostgreSQL share {@code INSERT … ON CONFLICT}; MySQL and MariaDB have
 * {@code INSERT … ON DUPLICATE KEY UPDATE}, which reads the inserted values with {@code VALUES(c)}
 * and applies its assignments in order, each seeing the ones before it. Statements that must
 * mean the same everywhere therefore assign a column only after every assignment that reads its
 * stored value (stamps such as {@code updated_at} first).
 */
enum SqlDialect {

    SQLITE,
    POSTGRESQL,
    /** MySQL 8 and MariaDB 10.6+. */
    MYSQL;

    static SqlDialect of(Kind kind) {
        return switch (kind) {
            case SQLITE -> SQLITE;
            case POSTGRESQL -> POSTGRESQL;
            case MYSQL -> MYSQL;
        };
    }

    /** Pool size and driver settings. */
    void configure(HikariConfig config) {
        switch (this) {
            case SQLITE -> {
                config.setMaximumPoolSize(1);
                config.addDataSourceProperty("journal_mode", "WAL");
                config.addDataSourceProperty("synchronous", "NORMAL");
                config.addDataSourceProperty("busy_timeout", "15000");
                config.addDataSourceProperty("foreign_keys", "true");
            }
            case POSTGRESQL -> {
                config.setMaximumPoolSize(2);
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
                config.addDataSourceProperty("ApplicationName", "steam-collector");
            }
            case MYSQL -> {
                config.setMaximumPoolSize(2);
                // a batch of upserts goes as multi-row inserts: 2-3 times the rows a second
                config.addDataSourceProperty("rewriteBatchedStatements", "true");
                // DATETIME has no zone: the session and the driver agree on UTC, whatever the JVM's zone
                config.addDataSourceProperty("connectionTimeZone", "UTC");
                config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
                config.addDataSourceProperty("preserveInstants", "true");
            }
        }
    }

    /**
     * {@code insert} (an {@code INSERT … VALUES (…)}) that updates the row already holding
     * {@code key} with {@code assignments} ({@code column = expression}, reading the stored row by
     * its table name and the inserted values through {@link #inserted}). {@code onlyIf} spares
     * SQLite and PostgreSQL a write that would change nothing; the assignments must be right without
     * it, since MySQL has no such clause (and writes nothing when no value changes).
     */
    String upsert(String insert, String key, List<String> assignments, Optional<String> onlyIf) {
        String sets = String.join(",\n       ", assignments);
        return switch (this) {
            case SQLITE, POSTGRESQL -> insert + "\nON CONFLICT (" + key + ") DO UPDATE\n   SET " + sets
                    + onlyIf.map(condition -> "\n WHERE " + condition).orElse("");
            case MYSQL -> insert + "\nON DUPLICATE KEY UPDATE\n       " + sets;
        };
    }

    String upsert(String insert, String key, List<String> assignments) {
        return upsert(insert, key, assignments, Optional.empty());
    }

    /** {@code insert} that leaves alone a row already holding its primary key or another unique key. */
    String insertIgnoringDuplicates(String insert, String key) {
        return switch (this) {
            case SQLITE, POSTGRESQL -> insert + "\nON CONFLICT DO NOTHING";
            // not INSERT IGNORE: that would turn every other error (a foreign key, a bad value) into a warning
            case MYSQL -> insert + "\nON DUPLICATE KEY UPDATE " + key + " = " + key;
        };
    }

    /** In an upsert's assignment: the value the insert brought for {@code column}. */
    String inserted(String column) {
        return this == MYSQL ? "VALUES(" + column + ")" : "excluded." + column;
    }

    /** True when {@code a} and {@code b} differ, a NULL differing from any value but another NULL. */
    String distinct(String a, String b) {
        return this == MYSQL ? "NOT (" + a + " <=> " + b + ")" : a + " IS DISTINCT FROM " + b;
    }

    /** {@code expression} as an integer. */
    String integer(String expression) {
        return "CAST(" + expression + (this == MYSQL ? " AS SIGNED)" : " AS INTEGER)");
    }
}
