package dev.steamcollector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steamcollector.config.DatabaseSettings.Kind;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseSettingsTest {

    private static final Path WORKING_DIRECTORY = Path.of("/srv/app");
    private static final String PASSWORD = "s3cr3tPW";

    private static DatabaseSettings parse(String url) {
        return DatabaseSettings.parse(url, WORKING_DIRECTORY);
    }

    @Nested
    class Sqlite {

        @ParameterizedTest(name = "''{0}'' is {1}")
        @CsvSource(delimiter = '|', textBlock = """
                sqlite:///relative.db           | jdbc:sqlite:/srv/app/relative.db
                sqlite:///steam_games.db        | jdbc:sqlite:/srv/app/steam_games.db
                sqlite:///data/x.db             | jdbc:sqlite:/srv/app/data/x.db
                sqlite:///./data/../x.db        | jdbc:sqlite:/srv/app/x.db
                sqlite:///../elsewhere/x.db     | jdbc:sqlite:/srv/elsewhere/x.db
                sqlite:////abs/path.db          | jdbc:sqlite:/abs/path.db
                sqlite:////var/lib/steam/s.db   | jdbc:sqlite:/var/lib/steam/s.db
                '  sqlite:///padded.db  '       | jdbc:sqlite:/srv/app/padded.db
                """)
        void resolvesTheFileAgainstTheWorkingDirectory(String url, String jdbcUrl) {
            DatabaseSettings settings = parse(url);

            assertThat(settings.kind()).isEqualTo(Kind.SQLITE);
            assertThat(settings.jdbcUrl()).isEqualTo(jdbcUrl);
            assertThat(settings.user()).isEmpty();
            assertThat(settings.password()).isEmpty();
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"jdbc:sqlite:/x.db", "jdbc:sqlite:relative.db", "jdbc:sqlite::memory:",
            "jdbc:sqlite:/x.db?journal_mode=WAL"})
        void passesJdbcUrlsThrough(String url) {
            DatabaseSettings settings = parse(url);

            assertThat(settings.kind()).isEqualTo(Kind.SQLITE);
            assertThat(settings.jdbcUrl()).isEqualTo(url);
        }

        @Test
        void describesItselfAsTheJdbcUrl() {
            assertThat(parse("sqlite:///relative.db").describe()).isEqualTo("jdbc:sqlite:/srv/app/relative.db");
        }
    }

    @Nested
    class Postgres {

        @Test
        void splitsCredentialsOffAManagedServiceUrl() {
            DatabaseSettings settings = parse("postgresql://user:p%40ss@host:25060/db?sslmode=require");

            assertThat(settings.kind()).isEqualTo(Kind.POSTGRESQL);
            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://host:25060/db?sslmode=require");
            assertThat(settings.user()).contains("user");
            assertThat(settings.password()).map(Secret::reveal).contains("p@ss");
        }

        @Test
        void acceptsThePostgresScheme() {
            DatabaseSettings settings = parse("postgres://u:pw@h/db");

            assertThat(settings.kind()).isEqualTo(Kind.POSTGRESQL);
            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
            assertThat(settings.user()).contains("u");
            assertThat(settings.password()).map(Secret::reveal).contains("pw");
        }

        @Test
        void userWithoutPasswordHasNoPassword() {
            DatabaseSettings settings = parse("postgresql://reader@h:5432/db");

            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
            assertThat(settings.user()).contains("reader");
            assertThat(settings.password()).isEmpty();
        }

        @Test
        void urlWithoutUserHasNoCredentials() {
            DatabaseSettings settings = parse("postgresql://h:5432/db");

            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
            assertThat(settings.user()).isEmpty();
            assertThat(settings.password()).isEmpty();
        }

        @Test
        void emptyPasswordIsKeptAsEmpty() {
            DatabaseSettings settings = parse("postgresql://u:@h/db");

            assertThat(settings.user()).contains("u");
            assertThat(settings.password()).map(Secret::reveal).contains("");
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"jdbc:postgresql://h:5432/db", "jdbc:postgresql://h/db?user=u&ssl=true"})
        void passesJdbcUrlsThrough(String url) {
            DatabaseSettings settings = parse(url);

            assertThat(settings.kind()).isEqualTo(Kind.POSTGRESQL);
            assertThat(settings.jdbcUrl()).isEqualTo(url);
            assertThat(settings.user()).isEmpty();
            assertThat(settings.password()).isEmpty();
        }

        @ParameterizedTest(name = "''{0}'' has password ''{1}''")
        @CsvSource(delimiter = '|', textBlock = """
                postgresql://u:a+b@h/db           | a+b
                postgresql://u:a%2Bb@h/db         | a+b
                postgresql://u:a%20b@h/db         | a b
                postgresql://u:%3A%2F%3F%23@h/db  | :/?#
                postgresql://u:a:b@h/db           | a:b
                """)
        void decodesThePasswordButKeepsPlusSigns(String url, String password) {
            assertThat(parse(url).password()).map(Secret::reveal).contains(password);
        }

        @Test
        void decodesTheUser() {
            assertThat(parse("postgresql://me%40corp:pw@h/db").user()).contains("me@corp");
        }

        @Test
        void keepsTheQueryAsItWas() {
            assertThat(parse("postgresql://h/db?sslmode=verify-full&application_name=a%20b").jdbcUrl())
                    .isEqualTo("jdbc:postgresql://h/db?sslmode=verify-full&application_name=a%20b");
        }
    }

    @Nested
    class MySql {

        @ParameterizedTest(name = "''{0}''")
        @CsvSource(delimiter = '|', textBlock = """
                mysql://user:p%40ss@db.example.com:3306/steam      | jdbc:mariadb://db.example.com:3306/steam
                mariadb://user:p%40ss@db.example.com:3306/steam    | jdbc:mariadb://db.example.com:3306/steam
                mysql://user:p%40ss@db.example.com/steam           | jdbc:mariadb://db.example.com/steam
                """)
        void splitsCredentialsOffAServerUrl(String url, String jdbcUrl) {
            DatabaseSettings settings = parse(url);

            assertThat(settings.kind()).isEqualTo(Kind.MYSQL);
            assertThat(settings.jdbcUrl()).isEqualTo(jdbcUrl);
            assertThat(settings.user()).contains("user");
            assertThat(settings.password()).map(Secret::reveal).contains("p@ss");
        }

        @ParameterizedTest(name = "''{0}''")
        @CsvSource(delimiter = '|', textBlock = """
                jdbc:mysql://h:3306/db                       | jdbc:mariadb://h:3306/db
                jdbc:mariadb://h:3306/db                     | jdbc:mariadb://h:3306/db
                jdbc:mysql://h/db?user=u&password=pw&a=b     | jdbc:mariadb://h/db?user=u&password=pw&a=b
                """)
        void passesJdbcUrlsToTheOneDriverForBoth(String url, String jdbcUrl) {
            DatabaseSettings settings = parse(url);

            assertThat(settings.kind()).isEqualTo(Kind.MYSQL);
            assertThat(settings.jdbcUrl()).isEqualTo(jdbcUrl);
            assertThat(settings.user()).isEmpty();
            assertThat(settings.password()).isEmpty();
        }

        @ParameterizedTest(name = "''{0}'' has password ''{1}''")
        @CsvSource(delimiter = '|', textBlock = """
                mysql://u:a+b@h/db              | a+b
                mysql://u:a%2Bb@h/db            | a+b
                mariadb://u:%3A%2F%3F%23@h/db   | :/?#
                mysql://u:%E3%83%9D%F0%9F%8E%AE@h/db | ポ🎮
                """)
        void decodesThePasswordLikeThePostgresForm(String url, String password) {
            assertThat(parse(url).password()).map(Secret::reveal).contains(password);
        }

        @ParameterizedTest(name = "''{0}''")
        @CsvSource(delimiter = '|', textBlock = """
                mysql://u:pw@h:25060/defaultdb?ssl-mode=REQUIRED          | jdbc:mariadb://h:25060/defaultdb?sslMode=REQUIRED
                mysql://u:pw@h/db?ssl-mode=VERIFY_IDENTITY&connectTimeout=5 | jdbc:mariadb://h/db?sslMode=verify-full&connectTimeout=5
                mysql://u:pw@h/db?sslMode=verify-ca                       | jdbc:mariadb://h/db?sslMode=verify-ca
                """)
        void readsTheSslModeManagedServicesHandOut(String url, String jdbcUrl) {
            assertThat(parse(url).jdbcUrl()).isEqualTo(jdbcUrl);
        }

        @Test
        void saysWhatIsMissing() {
            assertThatThrownBy(() -> parse("mysql://u:pw@host")).hasMessageContaining("names no database");
            assertThatThrownBy(() -> parse("mariadb:///db")).hasMessageContaining("names no host");
        }
    }

    @Nested
    class Rejecting {

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"foo://x", "sqlite://x.db", "sqlite:x.db", "sqlite:///", "postgresql://host",
            "postgresql://host/", "postgresql:///db", "mysql://u:pw@h", "", "   ", "steam_games.db",
            "postgresql://h/db name", "mysql:h/db", "jdbc:mysql:h/db"})
        void unusableUrlIsAConfigErrorNamingDatabaseUrl(String url) {
            assertThatThrownBy(() -> parse(url))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("DATABASE_URL: ");
        }

        @Test
        void explainsTheSlashesOfASqliteUrl() {
            assertThatThrownBy(() -> parse("sqlite://x.db"))
                    .hasMessageContaining("three slashes")
                    .hasMessageContaining("four");
        }

        @Test
        void saysWhatIsMissing() {
            assertThatThrownBy(() -> parse("postgresql://host")).hasMessageContaining("names no database");
            assertThatThrownBy(() -> parse("postgresql:///db")).hasMessageContaining("names no host");
            assertThatThrownBy(() -> parse("sqlite:///")).hasMessageContaining("names no file");
        }
    }

    @Nested
    class KeepingThePasswordSecret {

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"postgresql://user:s3cr3tPW@host:5432/db?sslmode=require",
            "postgres://user:s3cr3tPW@host/db", "jdbc:postgresql://host/db?user=u&password=s3cr3tPW",
            "jdbc:postgresql://host/db?password=s3cr3tPW&ssl=true", "jdbc:postgresql://user:s3cr3tPW@host/db",
            "mysql://user:s3cr3tPW@host:3306/db", "mariadb://user:s3cr3tPW@host/db",
            "jdbc:mysql://host/db?user=u&password=s3cr3tPW", "jdbc:mariadb://host/db?password=s3cr3tPW&a=b"})
        void describeAndToStringNeverShowThePassword(String url) {
            DatabaseSettings settings = parse(url);

            assertThat(settings.describe()).doesNotContain(PASSWORD).contains("host");
            assertThat(settings.toString()).doesNotContain(PASSWORD);
            assertThat(String.valueOf(settings.password())).doesNotContain(PASSWORD);
        }

        @Test
        void describeShowsTheUserAndThatAPasswordIsSet() {
            assertThat(parse("postgresql://user:s3cr3tPW@host:5432/db").describe())
                    .isEqualTo("jdbc:postgresql://host:5432/db (user user, password ****)");
            assertThat(parse("postgresql://user@host:5432/db").describe())
                    .isEqualTo("jdbc:postgresql://host:5432/db (user user)");
            assertThat(parse("mysql://user:s3cr3tPW@host:3306/db").describe())
                    .isEqualTo("jdbc:mariadb://host:3306/db (user user, password ****)");
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"postgresql://user:s3cr3tPW@host", "postgresql://user:s3cr3tPW@host/",
            "postgresql://user:s3cr3tPW@/db", "postgresql://user:s3cr3tPW@host:port/db",
            "postgresql://user:s3cr3tPW@host/db name", "mysql://user:s3cr3tPW@host/",
            "mariadb://user:s3cr3tPW@/db", "mysql://user:s3cr3tPW@host/db name",
            "foo://user:s3cr3tPW@x", "mysql:host/db?password=s3cr3tPW",
            "postgresql://user:s3cr3tPW@host:99999999999/db"})
        void errorMessagesNeverShowThePassword(String url) {
            ConfigException failure = catchThrowableOfType(ConfigException.class, () -> parse(url));

            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).startsWith("DATABASE_URL: ").doesNotContain(PASSWORD);
        }

        @Test
        void recordEqualityUsesTheRevealedPassword() {
            assertThat(parse("postgresql://u:pw@h/db")).isEqualTo(parse("postgresql://u:pw@h/db"))
                    .isNotEqualTo(parse("postgresql://u:other@h/db"));
        }
    }

    @Test
    void constructorRejectsABlankJdbcUrl() {
        assertThatThrownBy(() -> new DatabaseSettings(Kind.SQLITE, " ", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
