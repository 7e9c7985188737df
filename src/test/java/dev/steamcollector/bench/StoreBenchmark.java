package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.steamcollector.cli.Main;
import dev.steamcollector.testing.StoreDetailsFake;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The Store details beside the SteamSpy details: a child JVM runs {@code collect --app-ids} for GAMES
 * games with {@code STORE_DETAILS} on against local fakes with 20-200 ms latency, at scaled limits
 * in the proportions of the real ones, and the fake notes when each request arrives. It passes when
 * each endpoint used at least 95% of its limit, over its own span and over the span when all three
 * were busy at once, and every game was stored.
 */
public final class StoreBenchmark {

    /** The three per-game endpoints and their scaled limits (requests a second). */
    enum Source {
        STEAMSPY("SteamSpy details", 20), STORE("Store descriptions", 15), REVIEWS("Store reviews", 20);

        final String label;
        final int rate;

        Source(String label, int rate) {
            this.label = label;
            this.rate = rate;
        }
    }

    static final double PASS_SHARE = 0.95;
    static final int WORKERS = 16;

    private final Map<Source, Queue<Long>> arrivals = new EnumMap<>(Source.class);

    public static void main(String[] args) throws Exception {
        int games = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        if (games < 100 || games > 10_000) {
            System.err.println("usage: store [GAMES], 100 <= GAMES <= 10000");
            System.exit(2);
        }
        System.exit(new StoreBenchmark().run(games));
    }

    private int run(int games) throws Exception {
        for (Source source : Source.values()) {
            arrivals.put(source, new ConcurrentLinkedQueue<>());
        }
        System.out.printf(Locale.ROOT, "Store details benchmark: %,d games; limits SteamSpy details %d/s, Store"
                + " descriptions %d/s, Store reviews %d/s (the real 60/minute, 200/5minutes, 60/minute scaled);"
                + " %d workers a source; fake latency %d-%d ms (uniform)%n", games, Source.STEAMSPY.rate,
                Source.STORE.rate, Source.REVIEWS.rate, WORKERS, SyntheticSteamSpy.MIN_DELAY_MS, SyntheticSteamSpy.MAX_DELAY_MS);
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(96).jettyAcceptors(2).disableRequestJournal()
                .extensions(new StoreDetailsFake.Answers(), new ArrivalRecorder(arrivals)));
        server.start();
        Path directory = Files.createTempDirectory("store-benchmark");
        try {
            SyntheticSteamSpy.stub(server, 1);
            for (var stub : List.of(get(urlPathEqualTo("/api/appdetails")), get(urlPathMatching("/appreviews/[0-9]+")))) {
                server.stubFor(stub.willReturn(aResponse().withTransformers(StoreDetailsFake.Answers.NAME)
                        .withUniformRandomDelay(SyntheticSteamSpy.MIN_DELAY_MS, SyntheticSteamSpy.MAX_DELAY_MS)));
            }
            arrivals.values().forEach(Queue::clear);
            List<Integer> ids = IntStream.range(0, games).map(SyntheticSteamSpy::appId).boxed().toList();
            int exit = runChild("http://127.0.0.1:" + server.port(), ids, directory, games);
            return report(exit, games, directory.resolve("bench.db")) ? 0 : 1;
        } finally {
            server.stop();
            deleteAll(directory);
        }
    }

    private static int runChild(String base, List<Integer> ids, Path directory, int games)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the child works in a directory of its own: its class path must not be relative
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = List.of(java, "-Xmx384m", "--enable-native-access=ALL-UNNAMED", "-cp",
                classPath, Main.class.getName(), "collect", "--app-ids",
                ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolve("child.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("STEAM") || name.equals("DATABASE_URL"));
        env.putAll(Map.of("DATABASE_URL", "sqlite:///bench.db", "STEAMSPY_API_URL", base + "/api.php",
                "STEAM_API_URL", base, "STEAM_STORE_URL", base, "STORE_DETAILS", "true",
                "STEAMSPY_API_LIMIT", Source.STEAMSPY.rate + "/second",
                "STEAM_STORE_API_LIMIT", Source.STORE.rate + "/second",
                "STEAM_REVIEWS_API_LIMIT", Source.REVIEWS.rate + "/second",
                "MAX_WORKERS", Integer.toString(WORKERS), "LOG_LEVEL", "WARN"));
        // the per-game path; the catalogue has its own benchmark
        env.put("STORE_CATALOGUE", "false");
        System.out.println("child: java -Xmx384m " + Main.class.getName() + " collect --app-ids <" + games
                + " appids>, STORE_DETAILS=true, BATCH_SIZE 100 (default)");
        long timeout = 300 + 3L * games / Source.STORE.rate;
        Process child = builder.start();
        if (!child.waitFor(timeout, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            System.out.println("FAILED: the child did not finish within " + timeout + " s");
        }
        Files.readAllLines(directory.resolve("child.log")).forEach(line -> System.out.println("  | " + line));
        return child.isAlive() ? -1 : child.exitValue();
    }

    /** Prints every endpoint's rate at the fake, over its own span and over the span all three were busy. */
    private boolean report(int exit, int games, Path database) throws SQLException {
        Map<Source, long[]> times = new EnumMap<>(Source.class);
        arrivals.forEach((source, queue) -> times.put(source, queue.stream().mapToLong(Long::longValue).sorted()
                .toArray()));
        boolean pass = exit == 0;
        System.out.println("exit code " + exit);
        if (times.values().stream().anyMatch(t -> t.length < 2)) {
            System.out.println("FAILED: too few requests arrived");
            return false;
        }
        long commonStart = times.values().stream().mapToLong(t -> t[0]).max().orElseThrow();
        long commonEnd = times.values().stream().mapToLong(t -> t[t.length - 1]).min().orElseThrow();
        System.out.printf(Locale.ROOT, "all three busy for %.3f s%n", (commonEnd - commonStart) / 1e6);
        for (Source source : Source.values()) {
            long[] t = times.get(source);
            double own = (t.length - 1) / ((t[t.length - 1] - t[0]) / 1e6);
            long inCommon = Arrays.stream(t).filter(at -> at >= commonStart && at <= commonEnd).count();
            double common = (inCommon - 1) / ((commonEnd - commonStart) / 1e6);
            boolean ok = t.length == games && own >= PASS_SHARE * source.rate && common >= PASS_SHARE * source.rate;
            pass &= ok;
            System.out.printf(Locale.ROOT, "  %-19s %,d requests (expected %,d); own span %.3f s: %.3f/s = %.1f%% of"
                    + " %d/s; while all busy: %,d requests, %.3f/s = %.1f%%: %s%n", source.label, t.length, games,
                    (t[t.length - 1] - t[0]) / 1e6, own, 100 * own / source.rate, source.rate, inCommon, common,
                    100 * common / source.rate, ok ? "PASS" : "FAIL");
        }
        pass &= check(database, "games with SteamSpy details stored",
                "SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'success'", games);
        pass &= check(database, "games with a Store description stored (success or not found)",
                "SELECT COUNT(*) FROM store_details WHERE fetch_status IN ('success', 'not_found')", games);
        pass &= check(database, "games with a review summary stored (success or not found)",
                "SELECT COUNT(*) FROM store_details WHERE reviews_fetch_status IN ('success', 'not_found')", games);
        System.out.println("note: the gate spaces requests 1% wider than the limit, so the best share is about 99%");
        System.out.println("verdict: " + (pass ? "PASS" : "FAIL"));
        return pass;
    }

    private static boolean check(Path database, String what, String sql, long expected) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            long actual = row.next() ? row.getLong(1) : -1;
            boolean ok = actual == expected;
            System.out.printf(Locale.ROOT, "  check: %-60s %,d of %,d: %s%n", what, actual, expected, ok ? "OK" : "MISMATCH");
            return ok;
        }
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Notes when each per-game request reaches the fake, before any stub delay, by endpoint. */
    private static final class ArrivalRecorder implements ServeEventListener {

        private final Map<Source, Queue<Long>> arrivals;

        ArrivalRecorder(Map<Source, Queue<Long>> arrivals) {
            this.arrivals = arrivals;
        }

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            long now = DetailsBenchmark.epochMicros();
            String url = serveEvent.getRequest().getUrl();
            Source source = url.startsWith("/appreviews/") ? Source.REVIEWS
                    : url.startsWith("/api/appdetails") ? Source.STORE
                    : url.contains("request=appdetails") ? Source.STEAMSPY : null;
            if (source != null) {
                arrivals.get(source).add(now);
            }
        }

        @Override
        public String getName() {
            return "store-arrival-recorder";
        }
    }
}
