package dev.steamcollector.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.EmbeddedPostgresServer;
import dev.steamcollector.testing.JarProcess;
import dev.steamcollector.testing.TestApis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every command, run as a real process at {@code LOG_LEVEL=TRACE}, with the database password, the
 * Steam API key and the Discord webhook each given as a flag, an environment variable or a line of
 * {@code .env}: no output, at any level, shows any of them.
 */
class SecretsIT {

    private static final String PASSWORD = "PgPassSECRET";
    private static final String KEY = "KEYSECRET0123456789";
    private static final String TOKEN = "HookSECRET0123456789abcdef";
    private static final List<List<String>> COMMANDS = List.of(List.of("migrate"), List.of("status"),
            List.of("collect", "--limit", "1"), List.of("prices"), List.of("notify"), List.of("notify", "--test"),
            List.of("export", "--format", "jsonl"));

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path directory;

    @BeforeEach
    void apisThatAnswer() {
        server.stubFor(get(urlPathEqualTo("/IStoreService/GetAppList/v1/")).willReturn(okJson(
                "{\"response\":{\"apps\":[{\"appid\":10,\"name\":\"Counter-Strike\",\"last_modified\":1,"
                        + "\"price_change_number\":1}]}}")));
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                .withQueryParam("page", equalTo("0")).willReturn(okJson("{\"10\":" + steamSpyRecord() + "}")));
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("all"))
                .withQueryParam("page", equalTo("1")).willReturn(okJson("{}")));
        server.stubFor(get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("appdetails"))
                .willReturn(okJson(steamSpyRecord())));
        server.stubFor(get(urlPathEqualTo("/api/appdetails")).willReturn(okJson("{\"10\":{\"success\":true,\"data\":"
                + "{\"price_overview\":{\"currency\":\"USD\",\"initial\":999,\"final\":999,\"discount_percent\":0}}}}")));
        server.stubFor(post(urlPathMatching("/api/webhooks/.*")).willReturn(aResponse().withStatus(204)));
    }

    @ParameterizedTest(name = "database password as {0}, API key as {1}, webhook as {2}")
    @CsvSource({"flag, variable, .env", "variable, .env, variable", ".env, variable, .env"})
    void noCommandShowsASecretAtAnyLogLevel(String password, String key, String webhook) throws IOException {
        String url = EmbeddedPostgresServer.createDatabase().replace(":postgres@", ":" + PASSWORD + "@");
        Map<String, String> variables = new HashMap<>(TestApis.environment(server.baseUrl(), url));
        variables.put("LOG_LEVEL", "TRACE");
        variables.put("ENABLE_DISCORD", "true");
        variables.remove("DATABASE_URL");
        Map<String, String> dotEnv = new HashMap<>();
        List<String> flags = new ArrayList<>();
        place(password, "DATABASE_URL", url, variables, dotEnv, flags);
        place(key, "STEAM_API_KEY", KEY, variables, dotEnv, flags);
        place(webhook, "DISCORD_WEBHOOK_URL", server.baseUrl() + "/api/webhooks/123/" + TOKEN, variables, dotEnv, flags);
        writeDotEnv(dotEnv);

        for (List<String> command : COMMANDS) {
            List<String> args = new ArrayList<>(command);
            args.addAll(flags);
            try (JarProcess run = JarProcess.start(directory, String.join("-", command), variables,
                    args.toArray(String[]::new))) {
                int exit = run.awaitExit(Duration.ofSeconds(120));

                assertThat(exit).as(run::describe).isZero();
                // status and export start no Hibernate, whose TRACE lines the others show: the pool's DEBUG
                // lines show the level in force
                String lowest = List.of("status", "export").contains(command.getFirst()) ? " DEBUG " : " TRACE ";
                assertThat(run.err()).as("%s logs at TRACE", command).contains(lowest);
                assertThat(run.out() + run.err()).as(command.toString())
                        .doesNotContain(PASSWORD, KEY, TOKEN);
            }
        }
        assertThat(server.findAll(postRequestedFor(urlPathMatching("/api/webhooks/.*")))).isNotEmpty();
    }

    private static void place(String where, String variable, String value, Map<String, String> variables,
            Map<String, String> dotEnv, List<String> flags) {
        switch (where) {
            case "flag" -> flags.addAll(List.of("--database-url", value));
            case "variable" -> variables.put(variable, value);
            default -> dotEnv.put(variable, value);
        }
    }

    private void writeDotEnv(Map<String, String> dotEnv) throws IOException {
        StringBuilder text = new StringBuilder();
        dotEnv.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Files.writeString(directory.resolve(".env"), text);
    }

    private static String steamSpyRecord() {
        return """
                {"appid":10,"name":"Counter-Strike","developer":"Valve","publisher":"Valve","score_rank":"",\
                "positive":1,"negative":0,"userscore":0,"owners":"0 .. 20,000","average_forever":0,\
                "average_2weeks":0,"median_forever":0,"median_2weeks":0,"price":"999","initialprice":"999",\
                "discount":"0","ccu":0,"languages":"English","genre":"Action","tags":{"FPS":10}}""";
    }
}
