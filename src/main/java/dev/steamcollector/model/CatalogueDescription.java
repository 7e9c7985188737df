package dev.steamcollector.model;

import dev.steamcollector.model.StoreDescription.Languages;
import dev.steamcollector.model.StoreDescription.Platforms;
import dev.steamcollector.model.StoreDescription.Release;
import java.util.List;
import java.util.Objects;

/**
 * What the Store catalogue ({@code IStoreBrowseService/GetItems}) says about one game, its ids named,
 * as stored in {@code store_details}. A value the item did not carry is null; a list is empty when
 * the item named none.
 */
public record CatalogueDescription(
        int appId,
        String name,
        String type,
        Release release,
        Boolean free,
        Boolean earlyAccess,
        Integer parentAppId,
        Platforms platforms,
        SteamDeck steamDeck,
        List<String> developers,
        List<String> publishers,
        List<String> categories,
        List<String> tags,
        Languages languages,
        String shortDescription,
        Reviews reviews) {

    public CatalogueDescription {
        Objects.requireNonNull(release);
        Objects.requireNonNull(platforms);
        Objects.requireNonNull(languages);
        developers = List.copyOf(developers);
        publishers = List.copyOf(publishers);
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }

    /** The review summary the catalogue carries; null fields when the game has none. */
    public record Reviews(Integer score, String scoreLabel, Integer percentPositive, Long count) {
        public static final Reviews NONE = new Reviews(null, null, null, null);
    }

    /** Steam Deck compatibility, as {@code store_details.steam_deck} holds it. */
    public enum SteamDeck {
        UNKNOWN, UNSUPPORTED, PLAYABLE, VERIFIED;

        /** The catalogue's {@code steam_deck_compat_category}: 0 unknown, 1 unsupported, 2 playable, 3 verified. */
        public static SteamDeck ofCategory(int category) {
            return switch (category) {
                case 1 -> UNSUPPORTED;
                case 2 -> PLAYABLE;
                case 3 -> VERIFIED;
                default -> UNKNOWN;
            };
        }

        public String toDb() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
