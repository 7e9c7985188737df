package dev.steamcollector.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * How SQLite holds an instant: ISO-8601 UTC text with milliseconds, {@code 2026-11-29 16:12:51.118}.
 * It is what SQLite's date functions read, and its fixed width makes text order time order, so
 * timestamps compare and sort correctly in SQL. Epoch milliseconds, the form of databases written
 * before version 8, are still read.
 */
final class SqliteTimestamp {

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    /** Also the forms SQLite's own functions write: without fraction or with a 'T', optionally a 'Z'. */
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter();

    private SqliteTimestamp() {
    }

    /** The text for {@code instant}, truncated to the millisecond. */
    static String format(Instant instant) {
        return WRITE.format(instant);
    }

    /** The instant a stored value stands for: the text form, or epoch milliseconds (as a number or digits). */
    static Instant parse(Object stored) {
        return switch (stored) {
            case null -> null;
            case Number millis -> Instant.ofEpochMilli(millis.longValue());
            case String text when !text.isEmpty() && text.chars().allMatch(Character::isDigit) ->
                    Instant.ofEpochMilli(Long.parseLong(text));
            case String text -> parseText(text);
            default -> throw new IllegalArgumentException("not a timestamp: " + stored);
        };
    }

    private static Instant parseText(String text) {
        try {
            return LocalDateTime.parse(text.strip(), READ).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a timestamp: '" + text + "'", e);
        }
    }
}
