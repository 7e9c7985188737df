package dev.steamcollector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.config.ApiSettings;
import dev.steamcollector.config.DatabaseSettings;
import dev.steamcollector.config.RateLimit;
import dev.steamcollector.config.Secret;
import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.http.RetryPolicy;
import dev.steamcollector.http.Ticker;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.persistence.GameRepository.ActiveCounts;
import dev.steamcollector.notify.PriceAlertRules;
import dev.steamcollector.pipeline.AppListCollector;
import dev.steamcollector.pipeline.PriceRecorder;
import dev.steamcollector.pipeline.RunTally;
import dev.steamcollector.pipeline.SteamAppListSource;
import dev.steamcollector.steam.SteamWebApiClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.HttpUrl;

/** The measured side of {@link AppListBenchmark}: collects the served app list into a fresh SQLite file. */
public final class AppListRun {

    private static final long SAMPLE_MILLIS = 50;

    private final AtomicLong peakHeapUsed = new AtomicLong();
    private final AtomicLong peakHeapCommitted = new AtomicLong();

    public static void main(String[] args) throws Exception {
        new AppListRun().run(args[0], Integer.parseInt(args[1]));
        System.exit(0);
    }

    private void run(String baseUrl, int expected) throws IOException {
        Thread sampler = Thread.ofPlatform().daemon(true).name("heap-sampler").start(this::sample);
        long start = System.nanoTime();
        Path directory = Files.createTempDirectory("applist-benchmark");
        long collectNanos;
        ActiveCounts stored;
        RunCounters counters;
        long dbBytes;
        try (Database database = Database.open(DatabaseSettings.parse("sqlite:///bench.db", directory));
                HttpGateway gateway = new HttpGateway(settings(baseUrl), RetryPolicy.standard(3), Ticker.SYSTEM,
                        "steam-collector-benchmark")) {
            database.migrations().apply();
            // as collect does, the run is recorded before the list: through Hibernate, which has started by then
            database.runs().start("incremental", ProcessHandle.current().pid(), "benchmark", Instant.now());
            long collectStart = System.nanoTime();
            RunTally tally = new RunTally();
            SteamWebApiClient client = new SteamWebApiClient(HttpUrl.get(baseUrl), new Secret(AppListBenchmark.KEY),
                    gateway.client(Endpoint.STEAM_WEB_API), new ObjectMapper());
            PriceRecorder prices = new PriceRecorder(database.prices(), new PriceAlertRules(false, 10, 25));
            new AppListCollector(database.games(), database.metadata(), prices, Clock.systemUTC(), 5)
                    .collect(new SteamAppListSource(client, AppListBenchmark.PAGE_SIZE), tally);
            collectNanos = System.nanoTime() - collectStart;
            stored = database.games().countByActive();
            counters = tally.snapshot(gateway.stats().values());
        } finally {
            dbBytes = sizeOf(directory);
            deleteAll(directory);
        }
        long totalNanos = System.nanoTime() - start;
        sampler.interrupt();
        recordHeap();
        report(expected, collectNanos, totalNanos, stored, counters, dbBytes);
    }

    private static ApiSettings settings(String baseUrl) {
        URI base = URI.create(baseUrl);
        RateLimit slow = new RateLimit(1, Duration.ofSeconds(1));
        return new ApiSettings(Optional.of(new Secret(AppListBenchmark.KEY)), base, base, base,
                new RateLimit(100, Duration.ofSeconds(1)), slow, slow, slow, slow, Duration.ofSeconds(30), slow);
    }

    private void report(int expected, long collectNanos, long totalNanos, ActiveCounts stored, RunCounters counters,
            long dbBytes) throws IOException {
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(gc -> gc.getName() + " x" + gc.getCollectionCount() + " (" + gc.getCollectionTime() + " ms)")
                .collect(Collectors.joining(", "));
        long games = stored.active() + stored.inactive();
        String row = "%-38s %s%n";
        System.out.printf(Locale.ROOT, row, "wall time, collect", seconds(collectNanos));
        System.out.printf(Locale.ROOT, row, "wall time, open + migrate + collect", seconds(totalNanos));
        System.out.printf(Locale.ROOT, row, "games stored (active / inactive)",
                String.format(Locale.ROOT, "%,d (%,d / %,d), expected %,d: %s", games, stored.active(),
                        stored.inactive(), expected, games == expected ? "OK" : "MISMATCH"));
        System.out.printf(Locale.ROOT, row, "games listed / added (run tally)",
                String.format(Locale.ROOT, "%,d / %,d", counters.gamesListed(), counters.gamesAdded()));
        System.out.printf(Locale.ROOT, row, "requests / retries",
                String.format(Locale.ROOT, "%d / %d", counters.requests(), counters.retries()));
        System.out.printf(Locale.ROOT, row, "max heap (-Xmx)", mib(Runtime.getRuntime().maxMemory()));
        System.out.printf(Locale.ROOT, row, "peak heap used (sampled every 50 ms)", mib(peakHeapUsed.get()));
        System.out.printf(Locale.ROOT, row, "peak heap used (sum of pool peaks)", mib(poolPeaks) + " (upper bound)");
        System.out.printf(Locale.ROOT, row, "peak heap committed (sampled)", mib(peakHeapCommitted.get()));
        System.out.printf(Locale.ROOT, row, "peak RSS (VmHWM)", procStatus("VmHWM"));
        System.out.printf(Locale.ROOT, row, "RSS at end (VmRSS)", procStatus("VmRSS"));
        System.out.printf(Locale.ROOT, row, "database file size", mib(dbBytes));
        System.out.printf(Locale.ROOT, row, "garbage collectors", gcs);
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            recordHeap();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void recordHeap() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        peakHeapUsed.accumulateAndGet(heap.getUsed(), Math::max);
        peakHeapCommitted.accumulateAndGet(heap.getCommitted(), Math::max);
    }

    /** A line of /proc/self/status, as "N MiB", or "unavailable" off Linux. */
    private static String procStatus(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "unavailable (no /proc/self/status)";
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith(field + ":"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .map(AppListRun::mib).findFirst().orElse("unavailable");
        }
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
