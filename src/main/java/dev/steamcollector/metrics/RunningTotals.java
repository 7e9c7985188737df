package dev.steamcollector.metrics;

import dev.steamcollector.model.CounterTotal;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A command's counters and histogram as totals over all its runs, as Prometheus wants a batch job's
 * counters: restored from a {@link CounterStore} when a task starts, counted up in memory, saved
 * before each publication. What is published is what was saved, so a published counter never goes
 * back, even after a crash. A series that appears after something was published is shown at 0 in
 * its first publication: rate() and increase() count only what a series gains after its first sample.
 */
final class RunningTotals implements MultiCollector {

    /** A counter ({@code bounds} empty) or a classic histogram with these bucket bounds, +Inf last. */
    record Family(String name, String help, double[] bounds) {
        boolean histogram() {
            return bounds.length > 0;
        }
    }

    private record Key(String metric, Map<String, String> labels) {
    }

    private static final class Series {
        double value;
        double saved;
        double shown;
        boolean kept;
        boolean visible;
    }

    private final String command;
    private final List<Family> families;
    private final Map<Key, Series> series = new HashMap<>();
    private final Object saving = new Object();
    private boolean restored;
    private boolean unavailable;
    private boolean publishedBefore;

    RunningTotals(String command, List<Family> families) {
        this.command = command;
        this.families = List.copyOf(families);
    }

    /** Adds {@code amount} to a counter series, creating it (at 0 when {@code amount} is 0). */
    synchronized void add(String metric, Map<String, String> labels, double amount) {
        series(metric, labels).value += amount;
    }

    /** Records one observation of a histogram: its buckets (each created), then its sum. */
    synchronized void observe(Family histogram, Map<String, String> labels, double value) {
        for (double bound : histogram.bounds()) {
            series(histogram.name() + "_bucket", withLe(labels, bound)).value += value <= bound ? 1 : 0;
        }
        series(histogram.name() + "_sum", labels).value += value;
    }

    /** Creates the series of a histogram, at 0 when new. */
    synchronized void touch(Family histogram, Map<String, String> labels) {
        for (double bound : histogram.bounds()) {
            series(histogram.name() + "_bucket", withLe(labels, bound));
        }
        series(histogram.name() + "_sum", labels);
    }

    private Series series(String metric, Map<String, String> labels) {
        return series.computeIfAbsent(new Key(metric, Map.copyOf(labels)), key -> new Series());
    }

    /** Whether the totals were restored: until then nothing may be saved or published. */
    synchronized boolean restored() {
        return restored;
    }

    /**
     * Adds the totals kept in {@code store} to what was counted. A store that cannot be read leaves
     * the counters unpublished for this process, rather than starting them from zero again.
     */
    void restore(CounterStore store) {
        List<CounterTotal> totals;
        try {
            totals = store.load();
        } catch (RuntimeException e) {
            synchronized (this) {
                unavailable = true;
            }
            throw e;
        }
        synchronized (this) {
            for (CounterTotal total : totals) {
                Series kept = series(total.metric(), total.labels());
                kept.value += total.value();
                kept.saved += total.value();
                kept.shown = kept.saved;
                kept.kept = true;
                kept.visible = true;
            }
            publishedBefore = !totals.isEmpty();
            restored = true;
        }
    }

    /** Saves what was counted since the last save into {@code store}; what is published moves only then. */
    void save(CounterStore store) {
        synchronized (saving) {
            Map<Series, Double> now = new HashMap<>();
            List<CounterTotal> increments = new ArrayList<>();
            synchronized (this) {
                if (!restored || unavailable) {
                    return;
                }
                series.forEach((key, s) -> {
                    now.put(s, s.value);
                    if (s.value != s.saved || !s.kept) {
                        increments.add(new CounterTotal(key.metric(), key.labels(), s.value - s.saved));
                    }
                });
            }
            if (!increments.isEmpty()) {
                store.add(increments);
            }
            synchronized (this) {
                now.forEach((s, value) -> {
                    s.saved = value;
                    s.kept = true;
                    s.shown = s.visible || !publishedBefore ? value : 0;
                    s.visible = true;
                });
                publishedBefore = true;
            }
        }
    }

    @Override
    public synchronized MetricSnapshots collect() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        if (!restored || unavailable) {
            return snapshots.build();
        }
        for (Family family : families) {
            MetricSnapshot snapshot = family.histogram() ? histogram(family) : counter(family);
            if (!snapshot.getDataPoints().isEmpty()) {
                snapshots.metricSnapshot(snapshot);
            }
        }
        return snapshots.build();
    }

    private CounterSnapshot counter(Family family) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder()
                .name(family.name().replaceAll("_total$", "")).help(family.help());
        shown(family.name()).forEach((labels, value) -> counter.dataPoint(
                CounterDataPointSnapshot.builder().labels(labels).value(value).build()));
        return counter.build();
    }

    private HistogramSnapshot histogram(Family family) {
        Map<Labels, Double> sums = shown(family.name() + "_sum");
        Map<Labels, long[]> cumulative = new LinkedHashMap<>();
        series.forEach((key, s) -> {
            if (s.visible && key.metric().equals(family.name() + "_bucket")) {
                Map<String, String> rest = new TreeMap<>(key.labels());
                int bucket = bucketIndex(family, rest.remove("le"));
                if (bucket >= 0) {
                    cumulative.computeIfAbsent(labels(rest), any -> new long[family.bounds().length])[bucket] =
                            Math.round(s.shown);
                }
            }
        });
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(family.name()).help(family.help());
        cumulative.forEach((labels, counts) -> histogram.dataPoint(HistogramDataPointSnapshot.builder()
                .labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(family.bounds(), perBucket(counts)))
                .sum(sums.getOrDefault(labels, 0.0))
                .build()));
        return histogram.build();
    }

    /** Per-bucket counts from cumulative ones; a bucket never seen counts as its smaller neighbour. */
    private static long[] perBucket(long[] cumulative) {
        long[] counts = new long[cumulative.length];
        long below = 0;
        for (int i = 0; i < cumulative.length; i++) {
            long upTo = Math.max(cumulative[i], below);
            counts[i] = upTo - below;
            below = upTo;
        }
        return counts;
    }

    private static int bucketIndex(Family family, String le) {
        for (int i = 0; i < family.bounds().length; i++) {
            if (le(family.bounds()[i]).equals(le)) {
                return i;
            }
        }
        // a bound this version does not have (kept by another one): left out
        return -1;
    }

    /** The shown values of the visible series of {@code metric}, by their labels with the command's. */
    private Map<Labels, Double> shown(String metric) {
        Map<Labels, Double> values = new LinkedHashMap<>();
        series.forEach((key, s) -> {
            if (s.visible && key.metric().equals(metric)) {
                values.put(labels(key.labels()), s.shown);
            }
        });
        return values;
    }

    private Labels labels(Map<String, String> labels) {
        Labels.Builder builder = Labels.builder().label("command", command);
        labels.forEach(builder::label);
        return builder.build();
    }

    private static Map<String, String> withLe(Map<String, String> labels, double bound) {
        Map<String, String> withLe = new HashMap<>(labels);
        withLe.put("le", le(bound));
        return withLe;
    }

    /** A bucket bound as a label value: {@code 0.05}, {@code 1.0}, {@code +Inf}. */
    static String le(double bound) {
        return bound == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(bound);
    }
}
