package dev.steamcollector.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steamcollector.model.ChangeEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The {@code events} outbox: change events are written in the transaction of the change they
 * describe, so a change and its event commit or roll back together. Off (writing nothing) unless
 * events are published.
 */
final class Outbox {

    static final Outbox OFF = new Outbox(false);
    static final Outbox ON = new Outbox(true);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = """
            INSERT INTO events (event_id, app_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)
            """;

    private final boolean enabled;

    private Outbox(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether events are queued: callers skip the work of building them otherwise. */
    boolean enabled() {
        return enabled;
    }

    void append(Connection connection, List<ChangeEvent> events) throws SQLException {
        if (!enabled || events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ChangeEvent event : events) {
                insert.setString(1, event.id().toString());
                insert.setInt(2, event.appId());
                insert.setString(3, event.type().wireName());
                insert.setString(4, toJson(event));
                Parameters.setInstant(insert, 5, event.occurredAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The published form: id, type, app_id, occurred_at, then the fields of the change. */
    static String toJson(ChangeEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", event.id().toString());
        node.put("type", event.type().wireName());
        node.put("app_id", event.appId());
        node.put("occurred_at", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().truncatedTo(ChronoUnit.MILLIS)));
        for (Map.Entry<String, Object> field : event.fields().entrySet()) {
            node.set(field.getKey(), JSON.valueToTree(field.getValue()));
        }
        return node.toString();
    }

    /** Parses a stored JSON text column into a tree for an event field, or keeps the text when it is not JSON. */
    static Object jsonValue(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException notJson) {
            return text;
        }
    }
}
