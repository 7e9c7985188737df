package dev.steamcollector.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the Store's {@code appdetails} says about one game (or DLC, demo, …), as stored in
 * {@code store_details}. A value the Store did not send is null; a list is null when absent and
 * empty when the Store sent an empty one.
 */
public record StoreDescription(
        int appId,
        String name,
        String type,
        Release release,
        boolean free,
        Integer requiredAge,
        Platforms platforms,
        Integer metacriticScore,
        Integer recommendations,
        Integer achievements,
        int dlcCount,
        List<String> developers,
        List<String> publishers,
        List<String> genres,
        List<String> categories,
        Languages languages,
        String controllerSupport,
        String shortDescription,
        String headerImage,
        String website) {

    public StoreDescription {
        Objects.requireNonNull(release);
        Objects.requireNonNull(platforms);
        Objects.requireNonNull(languages);
        developers = copy(developers);
        publishers = copy(publishers);
        genres = copy(genres);
        categories = copy(categories);
    }

    private static List<String> copy(List<String> names) {
        return names == null ? null : List.copyOf(names);
    }

    /** The release: a date when the Store's text is one (never while coming soon), the text as sent. */
    public record Release(LocalDate date, String text, boolean comingSoon) {
        public Release {
            if (comingSoon && date != null) {
                throw new IllegalArgumentException("a game coming soon has no release date yet");
            }
        }
    }

    /** Whether the game runs on each platform; null when the Store did not say. */
    public record Platforms(Boolean windows, Boolean mac, Boolean linux) {
    }

    /** Language names, comma-separated: every supported one, and those with full audio. */
    public record Languages(String supported, String fullAudio) {
    }
}
