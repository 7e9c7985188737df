package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
}
