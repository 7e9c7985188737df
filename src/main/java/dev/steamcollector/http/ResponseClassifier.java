package dev.steamcollector.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Decides what an HTTP answer means, in one place; a pure function of the answer. */
public final class ResponseClassifier {

    /**
     * What the caller should do with an answer. {@code THROTTLED} is "you are too fast" (slow down);
     * {@code BUSY} may be "I am busy" at random or "too fast" in disguise (wait a little, try again;
     * the pace tells which by how often they come).
     */
    public enum Verdict { SUCCESS, THROTTLED, BUSY, RETRY, REJECTED }

    /** A verdict and, for anything but success, why. */
    public record Classification(Verdict verdict, String reason) {
    }

    private ResponseClassifier() {
    }

    /**
     * Classifies an answer whose body should be JSON. {@code throttledRecently} says whether this
     * endpoint answered 429 lately: a 403 then means "hammered", not "forbidden".
     */
    public static Classification classify(int status, String body, boolean throttledRecently) {
        if (status == 429) {
            return new Classification(Verdict.THROTTLED, "HTTP 429 Too Many Requests");
        }
        if (status == 403 && throttledRecently) {
            return new Classification(Verdict.THROTTLED, "HTTP 403 after 429s");
        }
        if (status >= 500) {
            return new Classification(Verdict.RETRY, "HTTP " + status);
        }
        if (status >= 400) {
            return new Classification(Verdict.REJECTED, "HTTP " + status);
        }
        if (status < 200 || status >= 300) {
            return new Classification(Verdict.RETRY, "HTTP " + status);
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.equals("null")) {
            // the Store's answer past its limit, but also now and then at random
            return new Classification(Verdict.BUSY, "empty answer");
        }
        if (text.startsWith("Connection failed")) {
            // SteamSpy's database is busy: at random, and to every request past its limit
            return new Classification(Verdict.BUSY, "'" + firstLine(text) + "'");
        }
        if (text.startsWith("<")) {
            return new Classification(Verdict.THROTTLED, "HTML page instead of JSON");
        }
        return new Classification(Verdict.SUCCESS, "");
    }

    /** Reads a {@code Retry-After} header: delay seconds or an HTTP date. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(now, at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse(text);
        return line.length() > 80 ? line.substring(0, 80) : line;
    }
}
