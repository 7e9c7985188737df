package dev.steamcollector.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Prometheus scraping every minute would have stored from the program's publications: the
 * textfiles as node_exporter serves them (each command's file replaced whole, series labelled with
 * the scrape's {@code job} and {@code instance}), and the Pushgateway's groups (a POST replaces the
 * metric families it carries and keeps the others; series labelled {@code job} and the group's
 * {@code command}). Rendered as the {@code input_series} of a promtool rule test.
 */
final class PrometheusTimeline {

    static final String NODE_JOB = "node";
    static final String NODE_INSTANCE = "droplet:9100";
    static final String PUSH_JOB = MetricsPublisher.JOB;

    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");

    private record Publication(int minute, boolean pushed, String command, String text) {
    }

    private final List<Publication> publications = new ArrayList<>();
    private DoubleUnaryOperator lastSuccessClock = DoubleUnaryOperator.identity();

    /** A command's textfile as it was written at {@code minute}. */
    void textFile(int minute, String command, String text) {
        publications.add(new Publication(minute, false, command, text));
    }

    /** A push of {@code command}'s group at {@code minute}. */
    void push(int minute, String command, String text) {
        publications.add(new Publication(minute, true, command, text));
    }

    /** Maps the last-success times (wall clock seconds) onto the test's clock. */
    void lastSuccessClock(DoubleUnaryOperator toTestClock) {
        this.lastSuccessClock = toTestClock;
    }

    /** Every series with its value at each minute from 0 to {@code end}; NaN where it has no sample. */
    Map<String, double[]> series(int end) {
        Map<String, double[]> series = new TreeMap<>();
        for (int minute = 0; minute <= end; minute++) {
            for (Map.Entry<String, Double> sample : scrape(minute).entrySet()) {
                double[] values = series.computeIfAbsent(sample.getKey(), key -> newSeries(end));
                values[minute] = sample.getValue();
            }
        }
        return series;
    }

    private static double[] newSeries(int end) {
        double[] values = new double[end + 1];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    /** What a scrape at {@code minute} returns from node_exporter and from the Pushgateway. */
    private Map<String, Double> scrape(int minute) {
        Map<String, String> files = new TreeMap<>();
        Map<String, Map<String, List<String>>> groups = new TreeMap<>();
        for (Publication publication : publications) {
            if (publication.minute() > minute) {
                continue;
            }
            if (publication.pushed()) {
                groups.computeIfAbsent(publication.command(), any -> new LinkedHashMap<>())
                        .putAll(families(publication.text()));
            } else {
                files.put(publication.command(), publication.text());
            }
        }
        Map<String, Double> scraped = new TreeMap<>();
        files.values().forEach(text -> add(scraped, text, "job=\"" + NODE_JOB + "\",instance=\"" + NODE_INSTANCE + "\""));
        groups.values().forEach(families -> add(scraped, String.join("\n", families.values().stream()
                .flatMap(List::stream).toList()) + "\n", "job=\"" + PUSH_JOB + "\""));
        return scraped;
    }

    private void add(Map<String, Double> scraped, String text, String targetLabels) {
        MetricsIT.parse(text).forEach((sample, value) -> {
            int brace = sample.indexOf('{');
            String name = brace < 0 ? sample : sample.substring(0, brace);
            String labels = brace < 0 ? "" : "," + sample.substring(brace + 1, sample.length() - 1);
            double shown = name.equals(Metrics.LAST_SUCCESS) ? lastSuccessClock.applyAsDouble(value) : value;
            scraped.put(name + "{" + targetLabels + labels + "}", shown);
        });
    }

    /** The lines of each metric family in a text, by family name, its HELP and TYPE lines included. */
    private static Map<String, List<String>> families(String text) {
        Map<String, List<String>> families = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        text.lines().map(TYPE::matcher).filter(Matcher::matches).forEach(type -> names.add(type.group(1)));
        for (String line : text.lines().toList()) {
            String family = names.stream().filter(name -> belongsTo(line, name))
                    .max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow();
            families.computeIfAbsent(family, any -> new ArrayList<>()).add(line);
        }
        return families;
    }

    private static boolean belongsTo(String line, String family) {
        String sample = line.startsWith("# ") ? line.substring(7) : line;
        for (String suffix : List.of("", "_bucket", "_sum", "_count")) {
            String name = family + suffix;
            if (sample.startsWith(name + " ") || sample.startsWith(name + "{")) {
                return true;
            }
        }
        return false;
    }

    /** The {@code input_series} of a promtool test: one entry a series, a value (or _) a minute. */
    String inputSeries(int end) {
        StringBuilder yaml = new StringBuilder("    input_series:\n");
        series(end).forEach((series, values) -> {
            yaml.append("      - series: '").append(series).append("'\n        values: '");
            for (int minute = 0; minute < values.length; minute++) {
                yaml.append(minute == 0 ? "" : " ").append(Double.isNaN(values[minute]) ? "_" : format(values[minute]));
            }
            yaml.append("'\n");
        });
        return yaml.toString();
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
