package dev.steamcollector.store;

import dev.steamcollector.model.StoreDescription.Languages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the Store's {@code supported_languages} HTML into plain names:
 * {@code "English<strong>*</strong>, French<br><strong>*</strong>languages with full audio support"}
 * is supported {@code "English, French"}, full audio {@code "English"}.
 */
final class LanguageList {

    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|\\r?\\n");
    private static final Pattern STAR = Pattern.compile("(?i)<strong>\\s*\\*\\s*</strong>|\\[b]\\s*\\*\\s*\\[/b]");
    private static final Pattern TAG = Pattern.compile("<[^>]*>|\\[/?[a-zA-Z]+]");
    private static final String FOOTNOTE = "full audio support";

    private LanguageList() {
    }

    static Languages parse(String html) {
        if (html == null || html.isBlank()) {
            return new Languages(null, null);
        }
        Set<String> supported = new LinkedHashSet<>();
        Set<String> fullAudio = new LinkedHashSet<>();
        for (String line : LINE_BREAK.split(html)) {
            if (line.toLowerCase(Locale.ROOT).contains(FOOTNOTE)) {
                continue;
            }
            String plain = unescape(TAG.matcher(STAR.matcher(line).replaceAll("*")).replaceAll(""));
            for (String entry : plain.split(",")) {
                String name = entry.strip();
                boolean starred = name.endsWith("*");
                name = name.replace("*", "").strip();
                if (!name.isEmpty()) {
                    supported.add(name);
                    if (starred) {
                        fullAudio.add(name);
                    }
                }
            }
        }
        return new Languages(join(supported), join(fullAudio));
    }

    private static String join(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        return list.isEmpty() ? null : String.join(", ", list);
    }

    private static String unescape(String text) {
        return text.replace("&nbsp;", " ").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }
}
