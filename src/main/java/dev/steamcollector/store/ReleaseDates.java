package dev.steamcollector.store;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Store's English release date text: {@code "18 May, 2015"}, {@code "May 18, 2015"} or
 * {@code "May 2015"} (the first of the month), months written out or cut to three letters. Any
 * other text ({@code "Coming soon"}, {@code "Q3 2026"}, {@code "2026"}) is no date.
 */
final class ReleaseDates {

    private static final String MONTH = "([A-Za-z]{3,9})\\.?";
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2}) " + MONTH + ",? (\\d{4})");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(MONTH + " (\\d{1,2}),? (\\d{4})");
    private static final Pattern MONTH_YEAR = Pattern.compile(MONTH + ",? (\\d{4})");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12));
    private static final String[] FULL_NAMES = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};

    private ReleaseDates() {
    }

    static Optional<LocalDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip().replaceAll("\\s+", " ");
        Matcher m = DAY_MONTH_YEAR.matcher(value);
        if (m.matches()) {
            return date(m.group(3), m.group(2), m.group(1));
        }
        m = MONTH_DAY_YEAR.matcher(value);
        if (m.matches()) {
            return date(m.group(3), m.group(1), m.group(2));
        }
        m = MONTH_YEAR.matcher(value);
        if (m.matches()) {
            return date(m.group(2), m.group(1), "1");
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> date(String year, String monthName, String day) {
        Optional<Integer> month = month(monthName);
        if (month.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), month.get(), Integer.parseInt(day)));
        } catch (DateTimeException notADay) {
            return Optional.empty();
        }
    }

    /** A month written out ({@code "September"}), cut to three letters ({@code "Sep"}) or as {@code "Sept"}. */
    private static Optional<Integer> month(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Integer number = MONTHS.get(lower.substring(0, 3));
        if (number == null) {
            return Optional.empty();
        }
        boolean written = lower.length() == 3 || FULL_NAMES[number - 1].equals(lower) || lower.equals("sept");
        return written ? Optional.of(number) : Optional.empty();
    }
}
