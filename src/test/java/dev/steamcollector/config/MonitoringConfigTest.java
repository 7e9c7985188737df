package dev.steamcollector.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard and the Prometheus alert rules in {@code config/} query only the metrics SPEC names. */
class MonitoringConfigTest {

    /** SPEC.md, "Observability": the seven metrics the program writes, and nothing else. */
    private static final Set<String> SPEC_METRICS = Set.of(
            "steam_games_processed_total",
            "steam_api_requests_total",
            "steam_api_request_duration_seconds",
            "steam_task_duration_seconds",
            "steam_pipeline_status",
            "steam_queue_size",
            "steam_last_success_timestamp_seconds",
            // the freshness gauge the catalogue's alert watches
            "steam_data_age_seconds");

    /** The one histogram among them: queried through its {@code _bucket}, {@code _sum} and {@code _count} series. */
    private static final String HISTOGRAM = "steam_api_request_duration_seconds";
    private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_sum", "_count");

    private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:])steam_[A-Za-z0-9_:]*");
    // label values such as endpoint="steam_web_api" are not metric names
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

    private static final Pattern RULE_START = Pattern.compile("^(\\s*)- (alert|record):\\s*(\\S+)\\s*$");
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*)([A-Za-z_][A-Za-z0-9_]*):\\s*(.*)$");

    private static final Path DASHBOARD = Path.of("config/grafana-dashboard.json");
    private static final Path ALERTS = Path.of("config/prometheus-alerts.yml");

    @Test
    void metricNamesIgnoreLabelValuesAndFoldTheHistogramSeries() {
        String expr = "histogram_quantile(0.95, sum by (le) (rate(steam_api_request_duration_seconds_bucket"
                + "{endpoint=\"steam_web_api\"}[5m]))) / steam_queue_size{queue='details_due'} + steam_unknown_count";

        assertThat(metricNames(List.of(expr)))
                .containsExactlyInAnyOrder(HISTOGRAM, "steam_queue_size", "steam_unknown_count");
    }

    @Nested
    class GrafanaDashboard {

        private static JsonNode dashboard;
        private static List<JsonNode> panels;

        @BeforeAll
        static void readDashboard() throws IOException {
            dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
            panels = new ArrayList<>();
            collectPanels(dashboard.path("panels"), panels);
        }

        @Test
        void importsWithAPrometheusDatasourceInput() {
            assertThat(dashboard.path("title").asText()).isEqualTo("steam-collector");
            assertThat(dashboard.path("uid").asText()).isNotBlank();
            assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
            JsonNode input = dashboard.path("__inputs").path(0);
            assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(input.path("type").asText()).isEqualTo("datasource");
            assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        }

        @Test
        void everyPanelQueriesTheImportedPrometheus() {
            List<JsonNode> queryPanels = panels.stream().filter(panel -> !isRow(panel)).toList();

            assertThat(queryPanels).hasSizeGreaterThanOrEqualTo(8).allSatisfy(panel -> {
                String title = panel.path("title").asText();
                assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${DS_PROMETHEUS}");
                assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target -> {
                    assertThat(target.path("expr").asText()).as(title).isNotBlank();
                    assertThat(target.path("datasource").path("uid").asText()).as(title)
                            .isEqualTo("${DS_PROMETHEUS}");
                });
            });
        }

        @Test
        void queriesOnlyTheMetricsOfSpec() {
            assertThat(metricNames(expressions())).isNotEmpty().isSubsetOf(SPEC_METRICS);
        }

        @Test
        void showsEveryMetricOfSpec() {
            assertThat(metricNames(expressions())).containsExactlyInAnyOrderElementsOf(SPEC_METRICS);
        }

        /** The source variable: Pushgateway and textfile series of one run are never added together. */
        @Test
        void everyQueryReadsTheChosenSourceOnly() {
            JsonNode variable = dashboard.path("templating").path("list").path(0);
            assertThat(variable.path("name").asText()).isEqualTo("job");
            assertThat(variable.path("query").path("query").asText()).isEqualTo("label_values(steam_pipeline_status, job)");
            assertThat(variable.path("multi").asBoolean()).isFalse();
            assertThat(variable.path("includeAll").asBoolean()).isFalse();

            List<String> panelExprs = new ArrayList<>();
            panels.forEach(panel -> panel.path("targets").forEach(target -> panelExprs.add(target.path("expr").asText())));
            assertThat(panelExprs).isNotEmpty().allSatisfy(expr -> {
                Matcher selector = Pattern.compile("(steam_[a-z_]+)(\\{[^}]*})?").matcher(expr);
                while (selector.find()) {
                    assertThat(selector.group(2)).as(expr).isNotNull().contains("job=\"$job\"");
                }
            });
        }

        /** Pushgateway series have no instance; each command has its own series. */
        @Test
        void legendsNameTheCommandNeverTheInstance() {
            assertThat(panels).allSatisfy(panel -> panel.path("targets").forEach(target -> {
                String legend = target.path("legendFormat").asText();
                assertThat(legend).as(panel.path("title").asText()).doesNotContain("instance");
                if (target.path("expr").asText().matches("(?s).*steam_(pipeline_status|last_success|task_duration|queue_size).*")) {
                    assertThat(legend).as(panel.path("title").asText()).contains("{{command}}");
                }
            }));
        }

        @Test
        void readsTheHistogramOnlyThroughItsSeries() {
            List<String> exprs = expressions();

            assertThat(exprs).noneMatch(expr -> rawMetricNames(expr).contains(HISTOGRAM));
            assertThat(exprs).filteredOn(expr -> expr.contains("histogram_quantile")).isNotEmpty()
                    .allSatisfy(expr -> assertThat(expr).contains(HISTOGRAM + "_bucket").contains("le"));
        }

        private static List<String> expressions() {
            List<String> exprs = new ArrayList<>();
            for (JsonNode panel : panels) {
                panel.path("targets").forEach(target -> exprs.add(target.path("expr").asText()));
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                JsonNode query = variable.path("query");
                exprs.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
            exprs.removeIf(String::isBlank);
            return exprs;
        }

        /** Every panel, also those nested in (collapsed) rows. */
        private static void collectPanels(JsonNode list, List<JsonNode> into) {
            for (JsonNode panel : list) {
                into.add(panel);
                collectPanels(panel.path("panels"), into);
            }
        }

        private static boolean isRow(JsonNode panel) {
            return panel.path("type").asText().equals("row");
        }
    }

    @Nested
    class PrometheusAlerts {

        private static Map<String, Map<String, String>> rules;

        @BeforeAll
        static void readRules() throws IOException {
            rules = parseRules(Files.readAllLines(ALERTS));
        }

        @Test
        void definesTheAlertsOfTheRunbook() {
            assertThat(rules).containsKeys("SteamCollectorApiFailureRate", "SteamCollectorNoRecentSuccess",
                    "SteamCollectorPipelineFailed", "SteamCollectorTooManyGameFailures");
            assertThat(expr("SteamCollectorApiFailureRate"))
                    .contains("sum by (job, endpoint) (rate(steam_api_requests_total{status!~\"2..\"}[15m]))")
                    .contains("> 0.20");
            assertThat(expr("SteamCollectorNoRecentSuccess"))
                    .contains("time() - steam_last_success_timestamp_seconds{command!=\"notify\"} > 36 * 3600")
                    .contains("absent_over_time(steam_last_success_timestamp_seconds{command!=\"notify\"}[36h])");
            assertThat(expr("SteamCollectorPipelineFailed")).contains("steam_pipeline_status == -1");
            assertThat(expr("SteamCollectorTooManyGameFailures")).contains("steam_pipeline_status == -3");
        }

        @Test
        void everyAlertWaitsAndExplainsItself() {
            assertThat(rules).allSatisfy((name, rule) -> {
                assertThat(rule.get("for")).as(name).matches("\\d+[smh]");
                assertThat(rule.get("severity")).as(name).isIn("warning", "critical");
                assertThat(rule.get("summary")).as(name).isNotBlank();
                assertThat(rule.get("description")).as(name).isNotBlank();
            });
        }

        @Test
        void queryOnlyTheMetricsOfSpec() {
            List<String> exprs = rules.values().stream().map(rule -> rule.get("expr")).toList();

            assertThat(exprs).doesNotContainNull();
            assertThat(metricNames(exprs)).isNotEmpty().isSubsetOf(SPEC_METRICS);
        }

        private static String expr(String alert) {
            return rules.get(alert).get("expr").replaceAll("\\s+", " ");
        }
    }

    /** The metric names in {@code exprs}, a histogram's series folded into the histogram's name. */
    private static Set<String> metricNames(List<String> exprs) {
        return exprs.stream().flatMap(expr -> rawMetricNames(expr).stream())
                .map(MonitoringConfigTest::histogramName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> rawMetricNames(String expr) {
        Matcher matcher = METRIC.matcher(STRING_LITERAL.matcher(expr).replaceAll("\"\""));
        Set<String> names = new TreeSet<>();
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private static String histogramName(String name) {
        return HISTOGRAM_SERIES.stream().filter(suffix -> name.equals(HISTOGRAM + suffix)).findFirst()
                .map(suffix -> HISTOGRAM).orElse(name);
    }

    /**
     * The rules of a Prometheus rule file, by alert name: each rule's {@code key: value} lines (labels and
     * annotations included), with {@code |} and {@code >} block scalars joined. Enough YAML for this file,
     * without a YAML library on the test classpath.
     */
    private static Map<String, Map<String, String>> parseRules(List<String> lines) {
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        Map<String, String> rule = null;
        int ruleIndent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher start = RULE_START.matcher(line);
            Matcher field = KEY_VALUE.matcher(line);
            if (start.matches()) {
                rule = new LinkedHashMap<>();
                ruleIndent = start.group(1).length();
                rules.put(start.group(3), rule);
            } else if (indent(line) <= ruleIndent) {
                rule = null;
            } else if (rule != null && field.matches()) {
                String value = field.group(3).strip();
                if (value.matches("[|>][-+]?")) {
                    int end = blockEnd(lines, i, field.group(1).length());
                    value = lines.subList(i + 1, end).stream().map(String::strip).collect(Collectors.joining("\n"))
                            .strip();
                    i = end - 1;
                }
                rule.put(field.group(2), unquote(value));
            }
        }
        return rules;
    }

    /** The index of the first line after the block scalar that starts below line {@code key}. */
    private static int blockEnd(List<String> lines, int key, int keyIndent) {
        int end = key + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || indent(lines.get(end)) > keyIndent)) {
            end++;
        }
        return end;
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }
}
