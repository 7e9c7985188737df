package dev.steamcollector.persistence;

import dev.steamcollector.model.ChangeEvent;
import dev.steamcollector.model.ChangeEvent.Type;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.PriceChange;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.PricePoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Builds the change events of a write from what the database held before it. */
final class ChangeEvents {

    private static final int CHUNK = 500;

    private ChangeEvents() {
    }

    /** Whether each of {@code appIds} already exists, and if so whether it is active. */
    static Map<Integer, Boolean> findActive(Connection connection, Collection<Integer> appIds) throws SQLException {
        Map<Integer, Boolean> active = new HashMap<>();
        forChunks(connection, "SELECT app_id, is_active FROM games WHERE app_id IN (%s)", appIds,
                row -> active.put(row.getInt(1), row.getBoolean(2)));
        return active;
    }

    static ChangeEvent gameEvent(Type type, int appId, String name, Instant at) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (type != Type.GAME_DEACTIVATED) {
            fields.put("name", name);
        }
        return ChangeEvent.of(type, appId, at, fields);
    }

    /** The stored data columns of these games, normalised for comparison. */
    static Map<Integer, Map<String, Object>> findMetadata(Connection connection, List<MetadataColumn> columns,
            Collection<Integer> appIds) throws SQLException {
        String names = columns.stream().map(MetadataColumn::name).collect(Collectors.joining(", "));
        Map<Integer, Map<String, Object>> stored = new HashMap<>();
        forChunks(connection, "SELECT app_id, " + names + " FROM game_metadata WHERE app_id IN (%s)", appIds, row -> {
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                MetadataColumn column = columns.get(i);
                values.put(column.name(), normalise(column, column.sqlType() == Types.VARCHAR
                        ? row.getString(i + 2) : row.getObject(i + 2)));
            }
            stored.put(row.getInt(1), values);
        });
        return stored;
    }

    /** A {@code metadata_changed} event listing each changed column's old and new value, if any changed. */
    static List<ChangeEvent> metadataChanged(List<GameMetadata> records, List<MetadataColumn> columns,
            Map<Integer, Map<String, Object>> before, Instant at) {
        List<ChangeEvent> events = new ArrayList<>();
        for (GameMetadata data : records) {
            Map<String, Object> old = before.getOrDefault(data.appId(), Map.of());
            Map<String, Object> changes = new LinkedHashMap<>();
            for (MetadataColumn column : columns) {
                Object now = normalise(column, column.value().apply(data));
                Object was = old.get(column.name());
                if (!Objects.equals(was, now)) {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("old", was);
                    change.put("new", now);
                    changes.put(column.name(), change);
                }
            }
            if (!changes.isEmpty()) {
                events.add(ChangeEvent.of(Type.METADATA_CHANGED, data.appId(), at, Map.of("changes", changes)));
            }
        }
        return events;
    }

    /** The given columns of these rows of {@code table} (keyed by {@code app_id}), normalised for comparison. */
    static Map<Integer, Map<String, Object>> findRows(Connection connection, String table, List<String> columns,
            Collection<Integer> appIds) throws SQLException {
        Map<Integer, Map<String, Object>> rows = new HashMap<>();
        forChunks(connection, "SELECT app_id, " + String.join(", ", columns) + " FROM " + table
                + " WHERE app_id IN (%s)", appIds, row -> {
                    Map<String, Object> values = new HashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        values.put(columns.get(i), normalise(columns.get(i), row.getObject(i + 2)));
                    }
                    rows.put(row.getInt(1), values);
                });
        return rows;
    }

    /** A {@code type} event per row whose columns differ between {@code before} and {@code after}, listing each change. */
    static List<ChangeEvent> rowsChanged(Type type, List<String> columns, Map<Integer, Map<String, Object>> before,
            Map<Integer, Map<String, Object>> after, Instant at) {
        return rowsChanged(type, Map.of(), columns, before, after, at);
    }

    /** The same, each event also carrying {@code fields} (such as the source of the change). */
    static List<ChangeEvent> rowsChanged(Type type, Map<String, Object> fields, List<String> columns,
            Map<Integer, Map<String, Object>> before, Map<Integer, Map<String, Object>> after, Instant at) {
        List<ChangeEvent> events = new ArrayList<>();
        after.forEach((appId, now) -> {
            Map<String, Object> was = before.getOrDefault(appId, Map.of());
            Map<String, Object> changes = new LinkedHashMap<>();
            for (String column : columns) {
                if (!Objects.equals(was.get(column), now.get(column))) {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("old", was.get(column));
                    change.put("new", now.get(column));
                    changes.put(column, change);
                }
            }
            if (!changes.isEmpty()) {
                Map<String, Object> payload = new LinkedHashMap<>(fields);
                payload.put("changes", changes);
                events.add(ChangeEvent.of(type, appId, at, payload));
            }
        });
        events.sort(java.util.Comparator.comparingInt(ChangeEvent::appId));
        return events;
    }

    static ChangeEvent priceChanged(PriceChange change, Instant at) {
        PriceObservation now = change.now();
        PricePoint was = change.previous().orElse(null);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", now.source().dbValue());
        fields.put("currency", now.currency());
        fields.put("old_price_cents", was == null ? null : was.priceCents());
        fields.put("new_price_cents", now.priceCents());
        fields.put("old_initial_price_cents", was == null ? null : was.initialPriceCents());
        fields.put("new_initial_price_cents", now.initialPriceCents());
        fields.put("old_discount_percent", was == null ? null : was.discountPercent());
        fields.put("new_discount_percent", now.discountPercent());
        return ChangeEvent.of(Type.PRICE_CHANGED, now.appId(), at, fields);
    }

    /** Numbers as longs and JSON text as a tree, so that equal values compare equal whatever the driver returns. */
    private static Object normalise(MetadataColumn column, Object value) {
        return normalise(column.name(), value);
    }

    private static Object normalise(String column, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof Boolean) {
            return value;
        }
        String text = value.toString();
        return column.endsWith("_json") ? Outbox.jsonValue(text) : text;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void forChunks(Connection connection, String sqlWithIn, Collection<Integer> appIds, RowReader reader)
            throws SQLException {
        List<Integer> ids = List.copyOf(appIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Integer> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String sql = sqlWithIn.formatted(String.join(",", Collections.nCopies(chunk.size(), "?")));
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.setInt(i + 1, chunk.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        }
    }
}
