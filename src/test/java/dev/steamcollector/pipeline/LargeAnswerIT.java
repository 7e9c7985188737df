package dev.steamcollector.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.steamcollector.testing.JarProcess;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body far larger than any real answer, sent to a real {@code collect} process with the heap of a
 * small droplet: refused once each, without running out of memory, and the batch committed.
 */
class LargeAnswerIT {

    static final String JAR = System.getProperty("steamcollector.jar");
    /** 50 MB of one name, sent chunked (no length announced), so only reading it shows its size. */
    static final byte[] FIFTY_MB = hugeAnswer(50 * 1024 * 1024);

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .useChunkedTransferEncoding(ChunkedEncodingPolicy.ALWAYS).gzipDisabled(true).maxLoggedResponseSize(1024))
            .build();

    @TempDir
    Path directory;

    @Test
    void aBodyPastAnyRealSizeFailsItsGameOnceAndTheHeapHolds() throws Exception {
        assertThat(JAR).as("system property steamcollector.jar (set by failsafe)").isNotNull();
        TestDatabase db = TestDatabase.sqlite(directory);
        // one body for all three: it is refused for its size before anything in it is read
        for (int appId : new int[] {7001, 7002, 7003}) {
            server.stubFor(details(appId).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(FIFTY_MB)));
        }
        server.stubFor(details(7004).willReturn(okJson("{\"appid\":7004,\"name\":\"Game 7004\",\"owners\":\"0 .. 20,000\"}")));
        Path err = directory.resolve("collect.err");
        ProcessBuilder collect = new ProcessBuilder(JarProcess.command(List.of("-Xmx384m"),
                "collect", "--app-ids", "7001,7002,7003,7004", "--max-failures", "3"))
                .directory(directory.toFile()).redirectOutput(directory.resolve("collect.out").toFile())
                .redirectError(err.toFile());
        collect.environment().keySet().removeIf(name -> name.startsWith("STEAM") || name.equals("DATABASE_URL"));
        collect.environment().putAll(TestApis.environment(server.baseUrl(), db.url()));
        collect.environment().putAll(Map.of("MAX_WORKERS", "3", "HTTP_TIMEOUT", "30s"));

        Process process = collect.start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }

        String log = Files.readString(err);
        assertThat(exited).as(log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE last_error LIKE '%heap space%'"
                + " OR last_error LIKE '%OutOfMemory%'")).as("games failed by a full heap").isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'failed'"
                + " AND last_error LIKE '%answer larger than 1 MB'")).isEqualTo(3);
        assertThat(log).doesNotContain("OutOfMemoryError").doesNotContain("heap space")
                .contains("SteamSpy appdetails 7001: answer larger than 1 MB; not stored");
        assertThat(db.queryString("SELECT fetch_status FROM game_metadata WHERE app_id = 7004")).isEqualTo("success");
        for (int appId : new int[] {7001, 7002, 7003}) {
            assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api.php"))
                    .withQueryParam("appid", equalTo(String.valueOf(appId))))).as("requests for %d", appId).hasSize(1);
        }
    }

    private static MappingBuilder details(int appId) {
        return get(urlPathEqualTo("/api.php")).withQueryParam("request", equalTo("appdetails"))
                .withQueryParam("appid", equalTo(String.valueOf(appId)));
    }

    /** A well-formed answer whose name fills {@code size} bytes. */
    private static byte[] hugeAnswer(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        byte[] head = "{\"appid\":7001,\"name\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }
}
