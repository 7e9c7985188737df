package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast "schema is current" check knows the newest migration of every database. */
class MigrationsTest {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @ParameterizedTest
    @ValueSource(strings = {"db/sqlite", "db/postgresql", "db/mysql"})
    void latestVersionIsTheNewestShippedMigration(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            int newest = files.map(file -> VERSION.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(match -> Integer.parseInt(match.group(1)))
                    .max().orElseThrow();
            assertThat(Migrations.LATEST_VERSION).isEqualTo(newest);
        }
    }

    /**
     * Every SQLite TIMESTAMP column created before version 8 may hold epoch milliseconds in an older
     * database: version 8 must convert each one to text, or SQL comparing it with new text values
     * goes wrong (SQLite sorts every integer before any text).
     */
    @Test
    void version8ConvertsEveryEarlierSqliteTimestampColumn() throws IOException {
        Pattern createTable = Pattern.compile("CREATE TABLE (\\w+)");
        Pattern column = Pattern.compile("^\\s+(\\w+)\\s+TIMESTAMP\\b");
        Pattern addColumn = Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN (\\w+) TIMESTAMP\\b");
        // a table rebuilt under a temporary name, then renamed back
        Pattern rename = Pattern.compile("ALTER TABLE (\\w+) RENAME TO (\\w+)");
        List<String> columns = new ArrayList<>();
        String conversion = null;
        try (Stream<Path> files = Files.list(Path.of("db/sqlite"))) {
            for (Path file : files.sorted().toList()) {
                Matcher version = VERSION.matcher(file.getFileName().toString());
                if (!version.matches()) {
                    continue;
                }
                if (Integer.parseInt(version.group(1)) == 8) {
                    conversion = Files.readString(file);
                    continue;
                }
                if (Integer.parseInt(version.group(1)) > 8) {
                    continue;
                }
                String table = null;
                for (String line : Files.readAllLines(file)) {
                    Matcher create = createTable.matcher(line);
                    Matcher added = addColumn.matcher(line);
                    Matcher declared = column.matcher(line);
                    Matcher renamed = rename.matcher(line);
                    if (renamed.find()) {
                        String from = renamed.group(1) + ".";
                        String to = renamed.group(2) + ".";
                        columns.replaceAll(name -> name.startsWith(from) ? to + name.substring(from.length()) : name);
                    } else if (create.find()) {
                        table = create.group(1);
                    } else if (added.find()) {
                        columns.add(added.group(1) + "." + added.group(2));
                    } else if (declared.find() && table != null) {
                        columns.add(table + "." + declared.group(1));
                    }
                }
            }
        }
        String v8 = conversion;
        assertThat(columns).hasSizeGreaterThanOrEqualTo(18).allSatisfy(tableColumn -> {
            String[] parts = tableColumn.split("\\.");
            assertThat(v8).as(tableColumn).contains("UPDATE " + parts[0] + " SET " + parts[1] + " = strftime(");
        });
    }
}
