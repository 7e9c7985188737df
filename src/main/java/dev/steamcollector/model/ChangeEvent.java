package dev.steamcollector.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One change the collector recorded, as published on Kafka: a unique id, the kind of change, the
 * game it is about (the record key) and when it happened, plus the fields of that kind of change.
 */
public record ChangeEvent(UUID id, Type type, int appId, Instant occurredAt, Map<String, Object> fields) {

    /** The kinds of change, named on the wire in lower case ({@code price_changed}). */
    public enum Type {
        GAME_ADDED, GAME_DEACTIVATED, GAME_REACTIVATED, METADATA_CHANGED, STORE_DETAILS_CHANGED, PRICE_CHANGED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChangeEvent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(occurredAt);
        // insertion order is the order of the fields in the published JSON
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A new event with a random id. */
    public static ChangeEvent of(Type type, int appId, Instant at, Map<String, Object> fields) {
        return new ChangeEvent(UUID.randomUUID(), type, appId, at, fields);
    }
}
