package dev.steamcollector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSourcesTest {

    private static final String VARIABLE = "MAX_WORKERS";

    @TempDir
    Path workingDirectory;

    private ConfigSources sources(Map<String, String> options, Map<String, String> environment) {
        return ConfigSources.of(options, environment, Optional.empty(), workingDirectory);
    }

    private void writeDotEnv(String content) throws IOException {
        Files.writeString(workingDirectory.resolve(".env"), content);
    }

    @Nested
    class Precedence {

        @Test
        void optionBeatsEnvironmentAndFile() throws IOException {
            writeDotEnv(VARIABLE + "=1\n");

            assertThat(sources(Map.of(VARIABLE, "3"), Map.of(VARIABLE, "2")).lookup(VARIABLE)).contains("3");
        }

        @Test
        void environmentBeatsFile() throws IOException {
            writeDotEnv(VARIABLE + "=1\n");

            assertThat(sources(Map.of(), Map.of(VARIABLE, "2")).lookup(VARIABLE)).contains("2");
        }

        @Test
        void fileIsUsedWhenNothingElseIsSet() throws IOException {
            writeDotEnv(VARIABLE + "=1\n");

            assertThat(sources(Map.of(), Map.of()).lookup(VARIABLE)).contains("1");
        }

        @Test
        void nothingSetLeavesTheDefaultToTheCaller() {
            assertThat(sources(Map.of(), Map.of()).lookup(VARIABLE)).isEmpty();
        }

        @Test
        void eachVariableIsLookedUpOnItsOwn() throws IOException {
            writeDotEnv("A=file\nB=file\nC=file\n");
            ConfigSources sources = sources(Map.of("A", "option"), Map.of("A", "env", "B", "env"));

            assertThat(sources.lookup("A")).contains("option");
            assertThat(sources.lookup("B")).contains("env");
            assertThat(sources.lookup("C")).contains("file");
            assertThat(sources.lookup("D")).isEmpty();
        }

        @ParameterizedTest(name = "blank ''{0}''")
        @ValueSource(strings = {"", " ", "\t"})
        void blankOptionFallsThroughToTheEnvironment(String blank) {
            assertThat(sources(Map.of(VARIABLE, blank), Map.of(VARIABLE, "2")).lookup(VARIABLE)).contains("2");
        }

        @Test
        void blankEnvironmentValueFallsThroughToTheFile() throws IOException {
            writeDotEnv(VARIABLE + "=1\n");

            assertThat(sources(Map.of(), Map.of(VARIABLE, "  ")).lookup(VARIABLE)).contains("1");
        }

        @Test
        void blankEverywhereCountsAsUnset() throws IOException {
            writeDotEnv(VARIABLE + "=\n");

            assertThat(sources(Map.of(VARIABLE, ""), Map.of(VARIABLE, " ")).lookup(VARIABLE)).isEmpty();
        }

        @Test
        void valuesAreTrimmed() {
            assertThat(sources(Map.of(), Map.of(VARIABLE, "  4 \n")).lookup(VARIABLE)).contains("4");
        }
    }

    @Nested
    class DotEnvFile {

        @Test
        void missingDotEnvInTheWorkingDirectoryIsFine() {
            assertThat(sources(Map.of(), Map.of()).lookup("ANYTHING")).isEmpty();
        }

        @Test
        void readsCommentsDoubleQuotesAndBlankLines() throws IOException {
            writeDotEnv("""
                    # a comment
                    LOG_LEVEL=debug

                    STORE_COUNTRY_CODES="us,de"
                    STEAM_API_URL=http://localhost:8080 # port of the stub
                    """);
            ConfigSources sources = sources(Map.of(), Map.of());

            assertThat(sources.lookup("LOG_LEVEL")).contains("debug");
            assertThat(sources.lookup("STORE_COUNTRY_CODES")).contains("us,de");
            assertThat(sources.lookup("STEAM_API_URL")).contains("http://localhost:8080");
        }

        @Test
        void readsOnlyWhatTheFileDeclaresNotTheProcessEnvironment() throws IOException {
            writeDotEnv("A=1\n");
            String processVariable = System.getenv().keySet().stream().findFirst().orElse("PATH");

            assertThat(sources(Map.of(), Map.of()).lookup(processVariable)).isEmpty();
        }

        @Test
        void envFileOptionReplacesTheDotEnvOfTheWorkingDirectory() throws IOException {
            writeDotEnv("A=dotenv\nB=dotenv\n");
            Files.writeString(workingDirectory.resolve("other.env"), "A=other\n");

            ConfigSources sources = ConfigSources.of(Map.of(), Map.of(), Optional.of(Path.of("other.env")),
                    workingDirectory);

            assertThat(sources.lookup("A")).contains("other");
            assertThat(sources.lookup("B")).isEmpty();
        }

        @Test
        void envFileOptionMayBeAbsolute(@TempDir Path elsewhere) throws IOException {
            Path file = Files.writeString(elsewhere.resolve("prod.env"), "A=absolute\n");

            assertThat(ConfigSources.of(Map.of(), Map.of(), Optional.of(file), workingDirectory).lookup("A"))
                    .contains("absolute");
        }

        @Test
        void environmentStillBeatsTheEnvFileOption() throws IOException {
            Files.writeString(workingDirectory.resolve("other.env"), "A=file\n");

            assertThat(ConfigSources.of(Map.of(), Map.of("A", "env"), Optional.of(Path.of("other.env")),
                    workingDirectory).lookup("A")).contains("env");
        }

        @Test
        void missingEnvFileIsAConfigErrorNamingTheOption() {
            assertThatThrownBy(() -> ConfigSources.of(Map.of(), Map.of(), Optional.of(Path.of("missing.env")),
                    workingDirectory))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("--env-file: ")
                    .hasMessageContaining("missing.env");
        }

        @Test
        void directoryAsEnvFileIsAConfigErrorNamingTheOption() throws IOException {
            Files.createDirectory(workingDirectory.resolve("conf"));

            assertThatThrownBy(() -> ConfigSources.of(Map.of(), Map.of(), Optional.of(Path.of("conf")),
                    workingDirectory))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("--env-file: ");
        }

        @Test
        void malformedDotEnvIsAConfigErrorNamingTheFile() throws IOException {
            writeDotEnv("this line is not an assignment\n");

            assertThatThrownBy(() -> sources(Map.of(), Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(".env: ");
        }

        @Test
        void malformedEnvFileIsAConfigErrorNamingTheOption() throws IOException {
            Files.writeString(workingDirectory.resolve("bad.env"), "A=1\nno assignment here\n");

            assertThatThrownBy(() -> ConfigSources.of(Map.of(), Map.of(), Optional.of(Path.of("bad.env")),
                    workingDirectory))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("--env-file: ");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"STEAM_API_KEY ABCDEF0123456789SECRET\n", "ABCDEF0123456789SECRET\n",
            "STEAM_API_KEY=\"ABCDEF0123456789SECRET\"x\"\n", "A=1\nSTEAM_API_KEY: ABCDEF0123456789SECRET\n"})
        void malformedLineIsNotQuotedBackBecauseItMayHoldASecret(String content) throws IOException {
            writeDotEnv(content);

            ConfigException failure = catchThrowableOfType(ConfigException.class, () -> sources(Map.of(), Map.of()));

            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).startsWith(".env: ").doesNotContain("ABCDEF0123456789SECRET");
        }
    }
}
