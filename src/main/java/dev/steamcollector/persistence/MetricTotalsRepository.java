package dev.steamcollector.persistence;

import dev.steamcollector.model.CounterTotal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code metric_totals} table: each command's Prometheus counters, totalled over its runs. Labels
 * are stored in Prometheus' form, sorted by name: {@code endpoint="store",status="200"}.
 */
public final class MetricTotalsRepository {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final Database database;
    private final String upsertTotal;

    MetricTotalsRepository(Database database) {
        this.database = database;
        SqlDialect sql = database.dialect();
        this.upsertTotal = sql.upsert("""
                INSERT INTO metric_totals (command, metric, labels, value, updated_at) VALUES (?, ?, ?, ?, ?)""",
                "command, metric, labels", List.of(
                        "value = metric_totals.value + " + sql.inserted("value"),
                        "updated_at = " + sql.inserted("updated_at")));
    }

    /** The totals kept for {@code command}. */
    public List<CounterTotal> find(String command) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT metric, labels, value FROM metric_totals WHERE command = ?")) {
                query.setString(1, command);
                List<CounterTotal> totals = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        totals.add(new CounterTotal(rows.getString(1), parseLabels(rows.getString(2)),
                                rows.getDouble(3)));
                    }
                }
                return totals;
            }
        });
    }

    /** Adds {@code increments} to the totals of {@code command} in one transaction; new series start at theirs. */
    public void add(String command, List<CounterTotal> increments, Instant at) {
        database.execute(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(upsertTotal)) {
                for (CounterTotal increment : increments) {
                    upsert.setString(1, command);
                    upsert.setString(2, increment.metric());
                    upsert.setString(3, formatLabels(increment.labels()));
                    upsert.setDouble(4, increment.value());
                    Parameters.setInstant(upsert, 5, at);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    static String formatLabels(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(labels).forEach((name, value) -> text.append(text.isEmpty() ? "" : ",").append(name)
                .append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return text.toString();
    }

    static Map<String, String> parseLabels(String text) {
        Map<String, String> labels = new TreeMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return labels;
    }
}
