package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.persistence.DatabaseSchema.Column;
import dev.steamcollector.persistence.DatabaseSchema.Kind;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three sets of migrations ({@code db/sqlite}, {@code db/postgresql}, {@code db/mysql}) build the same
 * schema: each database is migrated as {@code migrate} does it and read back through JDBC's
 * {@link DatabaseMetaData}, then tables, columns (name, nullability, kind of type), primary keys,
 * indexes (table, columns, uniqueness) and foreign keys are compared. Whatever the migrations produce is
 * compared, so a new migration is checked the day it is added; the differences that are meant are listed
 * below, each with its reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaParityIT {

    /**
     * SQLite has no JSON type: a column that is JSON on PostgreSQL ({@code jsonb}) and MariaDB is TEXT on
     * SQLite, read with its JSON functions (docs/databases.md). A rule, so a new {@code *_json} column needs
     * no entry below.
     */
    private static final Kind SQLITE_JSON = Kind.TEXT;

    private static final String MYSQL_HAS_NO_PARTIAL_INDEXES = "MySQL and MariaDB have no partial indexes: where"
            + " SQLite and PostgreSQL index the unsent events (seq WHERE sent_at IS NULL) and the sent ones (sent_at"
            + " WHERE sent_at IS NOT NULL), one index on (sent_at, seq) serves both (V9)";

    /** A difference between the databases, as one comparison below words it, and why it is there. */
    record Known(String comparison, String difference, String reason) {
    }

    /** The differences that are meant. */
    private static final List<Known> MEANT = List.of(
            new Known("kinds", "store_details.release_date: sqlite TEXT, postgresql DATE, mariadb DATE",
                    "SQLite has no date type: release_date is ISO text (2015-05-18), what its date functions read (V7)"),
            new Known("indexes", "events [sent_at, seq]: only on mariadb", MYSQL_HAS_NO_PARTIAL_INDEXES),
            new Known("indexes", "events [sent_at]: only on sqlite, postgresql", MYSQL_HAS_NO_PARTIAL_INDEXES),
            new Known("indexes", "events [seq]: only on sqlite, postgresql", MYSQL_HAS_NO_PARTIAL_INDEXES));

    /**
     * Differences this test found that want a new migration to go away. Listed so that the test still
     * catches any new difference; when a migration removes one, the test fails until it is taken off here.
     */
    private static final List<Known> AWAITING_A_MIGRATION = List.of();

    private final Map<String, DatabaseSchema> schemas = new LinkedHashMap<>();


    @BeforeAll
    void migrateAllThree(@TempDir Path directory) throws SQLException {
        for (String kind : List.of("sqlite", "postgresql", "mariadb")) {
            TestDatabase database = TestDatabase.of(kind, directory).migrated(directory);
            try (Connection connection = database.connect()) {
                schemas.put(kind, DatabaseSchema.read(connection, kind));
            }
        }
    }

    @Test
    void everyDatabaseHasTheSameTables() {
        assertSame("tables", DatabaseSchema::tables);
    }

    @Test
    void everyTableHasTheSameColumns() {
        assertSame("columns", schema -> schema.columns().keySet());
    }

    @Test
    void everyColumnHasTheSameKindOfType() {
        List<String> differences = new ArrayList<>();
        forEachSharedColumn((name, sqlite, postgres, mariadb) -> {
            boolean json = postgres.kind() == Kind.JSON && mariadb.kind() == Kind.JSON && sqlite.kind() == SQLITE_JSON;
            if (!json && (sqlite.kind() != postgres.kind() || mariadb.kind() != postgres.kind())) {
                differences.add(name + ": sqlite " + sqlite.kind() + ", postgresql " + postgres.kind()
                        + ", mariadb " + mariadb.kind());
            }
        });

        assertOnlyKnown("kinds", differences);
    }

    @Test
    void everyColumnHasTheSameNullability() {
        List<String> differences = new ArrayList<>();
        forEachSharedColumn((name, sqlite, postgres, mariadb) -> {
            if (sqlite.nullable() != postgres.nullable() || mariadb.nullable() != postgres.nullable()) {
                differences.add(name + ": sqlite " + nullability(sqlite) + ", postgresql " + nullability(postgres)
                        + ", mariadb " + nullability(mariadb));
            }
        });

        assertOnlyKnown("nullability", differences);
    }

    @Test
    void everyTableHasTheSamePrimaryKey() {
        assertSame("primary keys", DatabaseSchema::primaryKeys);
    }

    @Test
    void everyTableHasTheSameIndexes() {
        assertSame("indexes", DatabaseSchema::indexes);
    }

    @Test
    void everyTableHasTheSameForeignKeys() {
        assertSame("foreign keys", DatabaseSchema::foreignKeys);
    }

    @Test
    void typeNamesMapToKinds() {
        assertThat(DatabaseSchema.kindOf("postgresql", "timestamptz")).isEqualTo(Kind.TIMESTAMP);
        assertThat(DatabaseSchema.kindOf("mariadb", "DATETIME")).isEqualTo(Kind.TIMESTAMP);
        assertThat(DatabaseSchema.kindOf("sqlite", "TIMESTAMP")).isEqualTo(Kind.TIMESTAMP);
        assertThat(DatabaseSchema.kindOf("postgresql", "int8")).isEqualTo(Kind.INTEGER);
        assertThat(DatabaseSchema.kindOf("mariadb", "BIGINT UNSIGNED")).isEqualTo(Kind.INTEGER);
        assertThat(DatabaseSchema.kindOf("postgresql", "jsonb")).isEqualTo(Kind.JSON);
        assertThat(DatabaseSchema.kindOf("mariadb", "VARCHAR")).isEqualTo(Kind.TEXT);
        assertThat(DatabaseSchema.kindOf("postgresql", "float8")).isEqualTo(Kind.REAL);
    }

    @FunctionalInterface
    private interface SharedColumn {
        void accept(String name, Column sqlite, Column postgres, Column mariadb);
    }

    /** Each column all three hold (a column missing somewhere is {@link #everyTableHasTheSameColumns}'s). */
    private void forEachSharedColumn(SharedColumn check) {
        Map<String, Column> sqlite = schemas.get("sqlite").columns();
        Map<String, Column> mariadb = schemas.get("mariadb").columns();
        schemas.get("postgresql").columns().forEach((name, postgres) -> {
            if (sqlite.containsKey(name) && mariadb.containsKey(name)) {
                check.accept(name, sqlite.get(name), postgres, mariadb.get(name));
            }
        });
    }

    private static String nullability(Column column) {
        return column.nullable() ? "null" : "not null";
    }

    /**
     * The differences one comparison found are exactly those listed for it as meant or awaiting a
     * migration: a new one fails, and so does a listed one that went away (take it off the list then).
     */
    private static void assertOnlyKnown(String comparison, List<String> differences) {
        List<String> known = Stream.concat(MEANT.stream(), AWAITING_A_MIGRATION.stream())
                .filter(listed -> listed.comparison().equals(comparison)).map(Known::difference).toList();
        assertThat(differences).as(comparison + " that differ between SQLite, PostgreSQL and MariaDB;"
                + " a difference not listed in MEANT or AWAITING_A_MIGRATION is new, a listed one missing here is gone")
                .containsExactlyInAnyOrderElementsOf(known);
    }

    /** The facts every database holds alike; a failure names what only some of them hold. */
    private void assertSame(String what, Function<DatabaseSchema, Set<String>> facts) {
        Set<String> all = new TreeSet<>();
        schemas.values().forEach(schema -> all.addAll(facts.apply(schema)));
        List<String> differences = new ArrayList<>();
        for (String fact : all) {
            List<String> holding = schemas.entrySet().stream()
                    .filter(entry -> facts.apply(entry.getValue()).contains(fact)).map(Map.Entry::getKey).toList();
            if (holding.size() != schemas.size()) {
                differences.add(fact + ": only on " + String.join(", ", holding));
            }
        }
        assertThat(all).as(what).isNotEmpty();
        assertOnlyKnown(what, differences);
    }

}
