package dev.steamcollector.store;

import dev.steamcollector.model.CatalogueDescription;
import dev.steamcollector.model.StoreDescription.Languages;
import dev.steamcollector.model.StoreDescription.Platforms;
import dev.steamcollector.model.StoreDescription.Release;
import dev.steamcollector.model.StoreNames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One store item of a catalogue answer as sent, its tags and categories still ids; {@link
 * #describe} names them. {@code categoryIds} holds the three groups in the order players, features,
 * controller.
 */
public record CatalogueItem(
        int appId,
        String name,
        String type,
        Release release,
        Boolean free,
        Boolean earlyAccess,
        Integer parentAppId,
        Platforms platforms,
        CatalogueDescription.SteamDeck steamDeck,
        List<String> developers,
        List<String> publishers,
        List<Integer> tagIds,
        List<Integer> categoryIds,
        Languages languages,
        String shortDescription,
        CatalogueDescription.Reviews reviews) {

    public CatalogueItem {
        developers = List.copyOf(developers);
        publishers = List.copyOf(publishers);
        tagIds = List.copyOf(tagIds);
        categoryIds = List.copyOf(categoryIds);
    }

    /** Whether {@code names} names every tag and category of this item. */
    public boolean namedBy(StoreNames names) {
        return names.knowsAll(tagIds, categoryIds);
    }

    /** The item as stored: ids turned into names, those {@code names} does not know skipped. */
    public CatalogueDescription describe(StoreNames names) {
        List<String> tags = distinct(tagIds.stream().map(names::tag));
        List<String> categories = distinct(categoryIds.stream().map(names::category));
        return new CatalogueDescription(appId, name, type, release, free, earlyAccess, parentAppId, platforms,
                steamDeck, developers, publishers, categories, tags, languages, shortDescription, reviews);
    }

    private static List<String> distinct(Stream<Optional<String>> names) {
        Set<String> kept = new LinkedHashSet<>();
        names.flatMap(Optional::stream).forEach(kept::add);
        return List.copyOf(kept);
    }
}
