package dev.steamcollector.pipeline;

import java.util.Locale;

/** How many failed games a run tolerates: a count ({@code 25}) or a share of the games attempted ({@code 10%}). */
public record MaxFailures(long count, int percent) {

    public static final MaxFailures DEFAULT = new MaxFailures(-1, 10);

    /** Parses {@code N} or {@code N%}; throws {@link IllegalArgumentException} with a readable message. */
    public static MaxFailures parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("%")) {
                int percent = Integer.parseInt(value.substring(0, value.length() - 1).strip());
                if (percent >= 0 && percent <= 100) {
                    return new MaxFailures(-1, percent);
                }
            } else {
                long count = Long.parseLong(value);
                if (count >= 0) {
                    return new MaxFailures(count, -1);
                }
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a count (25) or a share (10%)");
    }

    /** The most failures allowed out of {@code attempted} games. */
    public long allowed(long attempted) {
        return count >= 0 ? count : attempted * percent / 100;
    }
}
