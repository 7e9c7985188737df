package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Flyway's own bookkeeping differs by database and is not ours. */
    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** The kinds of column type that must agree; vendor type names map to these. */
    enum Kind { INTEGER, REAL, DECIMAL, TEXT, BOOLEAN, TIMESTAMP, DATE, JSON, BINARY }

    /**
     * SQLite has no JSON type: a column that is JSON on PostgreSQL ({@code jsonb}) and MariaDB is TEXT on
     * SQLite, read with its JSON functions (docs/databases.md). A rule, so a new {@code *_json} column needs
     * no entry below.
     */
    private static final Kind SQLITE_JSON = Kind.TEXT;

    private static final String MYSQL_HAS_NO_PARTIAL_INDEXES = "MySQL and MariaDB have no partial indexes: where"
            + " SQLite and PostgreSQL index the unsent events (seq WHERE sent_at IS NULL) and the sent ones (sent_at"
            + " WHERE sent_at IS NOT NULL), one index on (sent_at, seq) serves both (V9)";
    private static final String SQLITE_TEXT_KEY_ADMITS_NULL = "a SQLite PRIMARY KEY other than an INTEGER one"
            + " admits NULL unless declared NOT NULL (a legacy of SQLite's); V2 and V5 declare these TEXT PRIMARY"
            + " KEY without NOT NULL. The fix is a SQLite migration that rebuilds the three tables with NOT NULL";

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
    private static final List<Known> AWAITING_A_MIGRATION = List.of(
            new Known("nullability", "endpoint_pace.endpoint: sqlite null, postgresql not null, mariadb not null",
                    SQLITE_TEXT_KEY_ADMITS_NULL),
            new Known("nullability", "page_passes.name: sqlite null, postgresql not null, mariadb not null",
                    SQLITE_TEXT_KEY_ADMITS_NULL),
            new Known("nullability", "run_locks.name: sqlite null, postgresql not null, mariadb not null",
                    SQLITE_TEXT_KEY_ADMITS_NULL));

    private final Map<String, Schema> schemas = new LinkedHashMap<>();

    /** What one database holds, each fact as a comparable line. */
    record Schema(Map<String, Column> columns, Set<String> primaryKeys, Set<String> indexes, Set<String> foreignKeys) {

        Set<String> tables() {
            Set<String> tables = new TreeSet<>();
            columns.keySet().forEach(column -> tables.add(column.substring(0, column.indexOf('.'))));
            return tables;
        }
    }

    record Column(Kind kind, boolean nullable, String vendorType) {

        @Override
        public String toString() {
            return kind + (nullable ? " null" : " not null") + " (" + vendorType + ")";
        }
    }

    @BeforeAll
    void migrateAllThree(@TempDir Path directory) throws SQLException {
        for (String kind : List.of("sqlite", "postgresql", "mariadb")) {
            TestDatabase database = TestDatabase.of(kind, directory).migrated(directory);
            try (Connection connection = database.connect()) {
                schemas.put(kind, read(connection, kind));
            }
        }
    }

    @Test
    void everyDatabaseHasTheSameTables() {
        assertSame("tables", Schema::tables);
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
        assertSame("primary keys", Schema::primaryKeys);
    }

    @Test
    void everyTableHasTheSameIndexes() {
        assertSame("indexes", Schema::indexes);
    }

    @Test
    void everyTableHasTheSameForeignKeys() {
        assertSame("foreign keys", Schema::foreignKeys);
    }

    @Test
    void typeNamesMapToKinds() {
        assertThat(kindOf("postgresql", "timestamptz")).isEqualTo(Kind.TIMESTAMP);
        assertThat(kindOf("mariadb", "DATETIME")).isEqualTo(Kind.TIMESTAMP);
        assertThat(kindOf("sqlite", "TIMESTAMP")).isEqualTo(Kind.TIMESTAMP);
        assertThat(kindOf("postgresql", "int8")).isEqualTo(Kind.INTEGER);
        assertThat(kindOf("mariadb", "BIGINT UNSIGNED")).isEqualTo(Kind.INTEGER);
        assertThat(kindOf("postgresql", "jsonb")).isEqualTo(Kind.JSON);
        assertThat(kindOf("mariadb", "VARCHAR")).isEqualTo(Kind.TEXT);
        assertThat(kindOf("postgresql", "float8")).isEqualTo(Kind.REAL);
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
    private void assertSame(String what, Function<Schema, Set<String>> facts) {
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

    private static Schema read(Connection connection, String database) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = database.equals("postgresql") ? "public" : null;
        Set<String> jsonColumns = database.equals("mariadb") ? mariadbJsonColumns(connection) : Set.of();
        Map<String, Column> columns = new TreeMap<>();
        Set<String> primaryKeys = new TreeSet<>();
        Set<String> indexes = new TreeSet<>();
        Set<String> foreignKeys = new TreeSet<>();
        for (String table : tables(meta, catalog, schema)) {
            try (ResultSet rows = meta.getColumns(catalog, schema, table, "%")) {
                while (rows.next()) {
                    String name = table + "." + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    String type = rows.getString("TYPE_NAME");
                    Kind kind = jsonColumns.contains(name) ? Kind.JSON : kindOf(database, type);
                    columns.put(name, new Column(kind, "YES".equals(rows.getString("IS_NULLABLE")), type));
                }
            }
            List<String> primaryKey = primaryKey(meta, catalog, schema, table);
            if (database.equals("sqlite") && primaryKey.size() == 1) {
                // SQLite's INTEGER PRIMARY KEY is the rowid, which is never NULL; the driver reports it as declared
                columns.computeIfPresent(table + "." + primaryKey.getFirst(), (name, column) ->
                        column.vendorType().equalsIgnoreCase("INTEGER") ? new Column(column.kind(), false, "INTEGER")
                                : column);
            }
            if (!primaryKey.isEmpty()) {
                primaryKeys.add(table + " " + primaryKey);
            }
            Map<String, List<String>> imported = foreignKeys(meta, catalog, schema, table);
            imported.forEach((name, fact) -> foreignKeys.add(table + " " + fact));
            indexes.addAll(indexes(meta, catalog, schema, table, primaryKey, database.equals("mariadb")
                    ? imported.keySet() : Set.of()));
        }
        return new Schema(columns, primaryKeys, indexes, foreignKeys);
    }

    private static List<String> tables(DatabaseMetaData meta, String catalog, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String table = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!table.equals(FLYWAY_HISTORY) && !table.startsWith("sqlite_")) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static List<String> primaryKey(DatabaseMetaData meta, String catalog, String schema, String table)
            throws SQLException {
        Map<Integer, String> columns = new TreeMap<>();
        try (ResultSet rows = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rows.next()) {
                columns.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(columns.values());
    }

    /** Foreign keys by constraint name, each as "(columns) -> table (columns)". */
    private static Map<String, List<String>> foreignKeys(DatabaseMetaData meta, String catalog, String schema,
            String table) throws SQLException {
        Map<String, TreeMap<Integer, String[]>> keys = new TreeMap<>();
        try (ResultSet rows = meta.getImportedKeys(catalog, schema, table)) {
            while (rows.next()) {
                String name = String.valueOf(rows.getString("FK_NAME")) + "/" + rows.getString("PKTABLE_NAME");
                keys.computeIfAbsent(name, n -> new TreeMap<>()).put(rows.getInt("KEY_SEQ"), new String[] {
                    rows.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT),
                    rows.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT),
                    rows.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT)});
            }
        }
        Map<String, List<String>> facts = new TreeMap<>();
        keys.forEach((name, parts) -> {
            List<String> from = parts.values().stream().map(part -> part[0]).toList();
            List<String> to = parts.values().stream().map(part -> part[2]).toList();
            String constraint = name.substring(0, name.lastIndexOf('/'));
            facts.put(constraint, List.of(from + " -> " + parts.firstEntry().getValue()[1] + " " + to));
        });
        return facts;
    }

    /**
     * Indexes as "table [columns]" (with "unique" when they are), leaving out the primary key's own index.
     * On MariaDB also those InnoDB adds by itself for a foreign key no index starts with (named after the
     * constraint): they are how InnoDB checks the key, not a choice of the migrations.
     */
    private static Set<String> indexes(DatabaseMetaData meta, String catalog, String schema, String table,
            List<String> primaryKey, Set<String> foreignKeyNames) throws SQLException {
        Map<String, TreeMap<Integer, String>> columns = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rows = meta.getIndexInfo(catalog, schema, table, false, false)) {
            while (rows.next()) {
                String name = rows.getString("INDEX_NAME");
                String column = rows.getString("COLUMN_NAME");
                if (name == null || column == null) {
                    continue;
                }
                columns.computeIfAbsent(name, n -> new TreeMap<>())
                        .put(rows.getInt("ORDINAL_POSITION"), column.toLowerCase(Locale.ROOT));
                unique.put(name, !rows.getBoolean("NON_UNIQUE"));
            }
        }
        Set<String> indexes = new TreeSet<>();
        columns.forEach((name, ordered) -> {
            List<String> list = List.copyOf(ordered.values());
            boolean primary = list.equals(primaryKey) && unique.get(name);
            if (!primary && !foreignKeyNames.contains(name)) {
                indexes.add(table + " " + list + (unique.get(name) ? " unique" : ""));
            }
        });
        return indexes;
    }

    /** MariaDB's JSON is LONGTEXT with a JSON_VALID check named after the column: such columns are JSON. */
    private static Set<String> mariadbJsonColumns(Connection connection) throws SQLException {
        Set<String> columns = new HashSet<>();
        Pattern jsonValid = Pattern.compile("json_valid\\(`?(\\w+)`?\\)", Pattern.CASE_INSENSITIVE);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, CHECK_CLAUSE FROM"
                        + " information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
            while (rows.next()) {
                Matcher match = jsonValid.matcher(rows.getString("CHECK_CLAUSE"));
                if (match.find()) {
                    columns.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT) + "."
                            + match.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    /** The kind of a vendor's type name, as {@link DatabaseMetaData#getColumns} reports it. */
    static Kind kindOf(String database, String typeName) {
        String type = typeName.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").replace(" unsigned", "").strip();
        if (database.equals("mariadb") && type.equals("tinyint")) {
            return Kind.BOOLEAN;     // MariaDB's BOOLEAN is TINYINT(1); the migrations use TINYINT for nothing else
        }
        return switch (type) {
            case "integer", "int", "int2", "int4", "int8", "smallint", "bigint", "mediumint", "serial", "bigserial" ->
                    Kind.INTEGER;
            case "real", "float", "float4", "float8", "double", "double precision" -> Kind.REAL;
            case "numeric", "decimal" -> Kind.DECIMAL;
            case "text", "varchar", "char", "bpchar", "character varying", "tinytext", "mediumtext", "longtext",
                    "clob" -> Kind.TEXT;
            case "boolean", "bool", "bit" -> Kind.BOOLEAN;
            case "timestamp", "timestamptz", "datetime", "timestamp with time zone" -> Kind.TIMESTAMP;
            case "date" -> Kind.DATE;
            case "json", "jsonb" -> Kind.JSON;
            case "blob", "bytea", "longblob", "varbinary", "binary" -> Kind.BINARY;
            default -> throw new IllegalArgumentException(database + " type " + typeName + " has no kind here yet");
        };
    }
}
