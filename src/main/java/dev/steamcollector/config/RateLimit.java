package dev.steamcollector.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request budget: at most {@code permits} requests in any window of {@code period}. */
public record RateLimit(long permits, Duration period) {

    private static final Pattern FORM =
            Pattern.compile("(\\d+)\\s*/\\s*(\\d*)\\s*(second|minute|hour|day)s?", Pattern.CASE_INSENSITIVE);

    public RateLimit {
        if (permits <= 0) {
            throw new IllegalArgumentException("permits must be positive");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
    }

    /** Parses {@code N/unit} or {@code N/Kunits}, for example {@code 60/minute} or {@code 200/5minutes}. */
    public static RateLimit parse(String variable, String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new ConfigException(variable,
                    "'" + text + "' is not a rate limit; write N/unit or N/Kunits, e.g. 60/minute or 200/5minutes");
        }
        long permits = parsePositive(variable, text, m.group(1));
        long units = m.group(2).isEmpty() ? 1 : parsePositive(variable, text, m.group(2));
        Duration unit = switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        try {
            return new RateLimit(permits, unit.multipliedBy(units));
        } catch (ArithmeticException tooLong) {
            throw new ConfigException(variable, "'" + text + "' is a period too long to count");
        }
    }

    private static long parsePositive(String variable, String text, String digits) {
        try {
            long value = Long.parseLong(digits);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException tooLarge) {
            // reported below
        }
        throw new ConfigException(variable, "'" + text + "' needs whole numbers from 1 up");
    }

    /** The time between two evenly paced requests. */
    public Duration interval() {
        return period.dividedBy(permits);
    }

    /** Requests per second when the limit is used in full. */
    public double perSecond() {
        return permits / (period.toNanos() / 1e9);
    }

    /** {@code perSecond} requests a second written in this limit's unit: {@code 48.5/minute}, {@code 150/5minutes}. */
    public String formatRate(double perSecond) {
        double count = perSecond * period.toNanos() / 1e9;
        String number = count >= 100 || count == Math.rint(count) ? String.format(Locale.ROOT, "%.0f", count)
                : count >= 10 ? String.format(Locale.ROOT, "%.1f", count) : String.format(Locale.ROOT, "%.2f", count);
        String text = toString();
        return number + text.substring(text.indexOf('/'));
    }

    @Override
    public String toString() {
        long seconds = period.toSeconds();
        String unit;
        long count;
        if (seconds % 86_400 == 0) {
            unit = "day";
            count = seconds / 86_400;
        } else if (seconds % 3_600 == 0) {
            unit = "hour";
            count = seconds / 3_600;
        } else if (seconds % 60 == 0) {
            unit = "minute";
            count = seconds / 60;
        } else {
            unit = "second";
            count = seconds;
        }
        return count == 1 ? permits + "/" + unit : permits + "/" + count + unit + "s";
    }
}
