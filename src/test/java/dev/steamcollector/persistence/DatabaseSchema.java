package dev.steamcollector.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a migrated database holds, read through JDBC's {@link DatabaseMetaData} in terms that compare across
 * SQLite, PostgreSQL and MariaDB: columns by kind of type, keys and indexes by their columns.
 */
record DatabaseSchema(Map<String, DatabaseSchema.Column> columns, Set<String> primaryKeys, Set<String> indexes,
        Set<String> foreignKeys) {

    /** Flyway's own bookkeeping differs by database and is not ours. */
    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** The kinds of column type that must agree; vendor type names map to these. */
    enum Kind { INTEGER, REAL, DECIMAL, TEXT, BOOLEAN, TIMESTAMP, DATE, JSON, BINARY }

    /** A column: its kind of type, whether it admits NULL, and the type name the driver reports. */
    record Column(Kind kind, boolean nullable, String vendorType) {

        @Override
        public String toString() {
            return kind + (nullable ? " null" : " not null") + " (" + vendorType + ")";
        }
    }

    Set<String> tables() {
        Set<String> tables = new TreeSet<>();
        columns.keySet().forEach(column -> tables.add(column.substring(0, column.indexOf('.'))));
        return tables;
    }

    /** Reads the schema of {@code database} ({@code sqlite}, {@code postgresql} or {@code mariadb}). */
    static DatabaseSchema read(Connection connection, String database) throws SQLException {
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
        return new DatabaseSchema(columns, primaryKeys, indexes, foreignKeys);
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
