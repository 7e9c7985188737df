package dev.steamcollector.store;

import java.util.List;
import java.util.Optional;

/**
 * The Store's language numbers ({@code elanguage}) and their English names. Valve adds languages
 * now and then: an unknown number is skipped, never guessed.
 */
final class StoreLanguages {

    private static final List<String> NAMES = List.of("English", "German", "French", "Italian", "Korean",
            "Spanish - Spain", "Simplified Chinese", "Traditional Chinese", "Russian", "Thai", "Japanese",
            "Portuguese - Portugal", "Polish", "Danish", "Dutch", "Finnish", "Norwegian", "Swedish", "Hungarian",
            "Czech", "Romanian", "Turkish", "Portuguese - Brazil", "Bulgarian", "Greek", "Arabic", "Ukrainian",
            "Spanish - Latin America", "Vietnamese", "Simplified Chinese (Steam China)", "Indonesian");

    private StoreLanguages() {
    }

    /** The name of language {@code number}; empty when the number is unknown. */
    static Optional<String> name(int number) {
        return number >= 0 && number < NAMES.size() ? Optional.of(NAMES.get(number)) : Optional.empty();
    }
}
