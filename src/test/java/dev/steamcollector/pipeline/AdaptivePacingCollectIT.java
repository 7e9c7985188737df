package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.LimitedServer;
import dev.steamcollector.testing.RunsAlone;
import dev.steamcollector.testing.TestApis;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} against a SteamSpy that allows half the configured limit: every game is stored,
 * the summary says how the pace was slowed, {@code status} and the metrics show the pace in force,
 * and the next run starts from the remembered pace.
 */
@RunsAlone("the pace measured against a server counting requests per second by its clock")
class AdaptivePacingCollectIT {

    private static final int GAMES = 150;

    @TempDir
    Path directory;

    @Test
    void aRunSlowsToTheServersLimitTellsOfItAndTheNextRunStartsThere() throws Exception {
        TestDatabase db = TestDatabase.of("sqlite", directory);
        Path textFile = directory.resolve("metrics/steam.prom");
        String appIds = IntStream.rangeClosed(1, GAMES).mapToObj(i -> Integer.toString(10 * i))
                .collect(Collectors.joining(","));
        try (LimitedServer steamSpy = LimitedServer.start(20, 5, 40, 0, 11)) {
            Map<String, String> env = new HashMap<>(TestApis.environment(steamSpy.baseUrl(), db.url()));
            env.put("STEAMSPY_API_LIMIT", "40/second");
            env.put("MAX_WORKERS", "8");
            env.put("METRICS_TEXTFILE", textFile.toString());

            CliRun first = CliRun.run(directory, env, "collect", "--app-ids", appIds);

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains(GAMES + " games processed: " + GAMES + " succeeded")
                    .containsPattern("pace: slowed \\d+ times? from \\d\\d:\\d\\d:\\d\\dZ, at the lowest [0-9.]+/second"
                            + " \\(\\d+% of 40/second\\), [0-9.]+/second at the end");
            double remembered = Double.parseDouble(
                    db.queryString("SELECT pace_per_second FROM endpoint_pace WHERE endpoint = 'steamspy'"));
            assertThat(remembered).isLessThan(40.0).isGreaterThan(20 * 0.3);
            assertThat(db.queryLong("SELECT COUNT(*) FROM endpoint_pace WHERE slowed_at IS NOT NULL")).isEqualTo(1);
            // each command writes its own file beside the configured one
            Path collectFile = textFile.resolveSibling("steam_collect.prom");
            assertThat(Files.readAllLines(collectFile)).anySatisfy(line -> assertThat(line)
                    .startsWith("steam_endpoint_pace{command=\"collect\",endpoint=\"steamspy\"} ")
                    .satisfies(sample -> assertThat(Double.parseDouble(sample.split(" ")[1])).isLessThan(40.0)));

            CliRun status = CliRun.run(directory, env, "status");
            assertThat(status.out()).containsPattern("  SteamSpy            [0-9.]+/second, \\d+% of 40/second"
                    + " \\(climbing back, slowed \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\)")
                    .contains("  Steam Store         200/second, the configured limit");
            JsonNode json = new ObjectMapper().readTree(CliRun.run(directory, env, "status", "--json").out());
            JsonNode steamSpyPace = json.get("pace").get(3);
            assertThat(steamSpyPace.get("endpoint").asText()).isEqualTo("steamspy");
            assertThat(steamSpyPace.get("perSecond").asDouble()).isLessThan(40.0);
            assertThat(steamSpyPace.get("limitPerSecond").asDouble()).isEqualTo(40.0);

            CliRun second = CliRun.run(directory, env, "collect", "--app-ids", appIds);

            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).containsPattern("pace: started at [0-9.]+/second \\(remembered\\)");
        }
    }
}
