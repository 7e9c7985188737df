package dev.steamcollector.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way people write them: {@code 45m}, {@code 1h30m}, {@code 30s}, {@code 500ms}. */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String variable, String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (!WHOLE.matcher(value).matches()) {
            throw new ConfigException(variable, "'" + text + "' is not a duration; write e.g. 45m, 1h30m, 30s or 500ms");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException tooLong) {
            throw new ConfigException(variable, "'" + text + "' is too long");
        }
        if (total.isZero()) {
            throw new ConfigException(variable, "'" + text + "' must be longer than zero");
        }
        return total;
    }
}
