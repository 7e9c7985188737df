package dev.steamcollector.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in every text the program writes to its logs and error lines: the values
 * configured (the database password, the Steam API key, the Discord webhook), and whatever looks
 * like one in a URL (a password before {@code @}, a {@code password=} or {@code key=} parameter,
 * a webhook token), also before the configuration is read.
 */
final class Redaction {

    private static final String MASK = "****";
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(://[^:/@\\s]*:)[^@/\\s]+(@)"),
            Pattern.compile("(?i)([?&;]password=)[^&;\\s\"']+()"),
            Pattern.compile("([?&]key=)[^&\\s\"']+()"),
            Pattern.compile("(/api/webhooks/[^/\\s]+/)[^/?\\s\"']+()"));

    private static volatile List<Pattern> known = List.of();

    private Redaction() {
    }

    /** The values to hide from now on; each is hidden where it stands alone, not inside a longer word. */
    static void hide(Collection<String> secrets) {
        known = secrets.stream()
                .filter(secret -> !secret.isBlank())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(secret -> Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])"))
                .toList();
    }

    static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Pattern secret : known) {
            result = secret.matcher(result).replaceAll(MASK);
        }
        for (Pattern shape : SHAPES) {
            result = shape.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$2");
        }
        return result;
    }
}
