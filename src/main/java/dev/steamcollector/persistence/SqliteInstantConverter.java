package dev.steamcollector.persistence;

import jakarta.persistence.AttributeConverter;
import java.time.Instant;

/**
 * Hibernate's side of {@link SqliteTimestamp}: applied to every {@link Instant} attribute on SQLite
 * only (Hibernate would store epoch milliseconds there), so entities write the same text as native SQL.
 */
final class SqliteInstantConverter implements AttributeConverter<Instant, String> {

    @Override
    public String convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : SqliteTimestamp.format(instant);
    }

    @Override
    public Instant convertToEntityAttribute(String stored) {
        return SqliteTimestamp.parse(stored);
    }
}
