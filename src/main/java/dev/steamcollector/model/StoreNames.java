package dev.steamcollector.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The names of the Store's tag and category ids ({@code store_tags}, {@code store_categories}), as
 * of {@code fetchedAt} (empty when never fetched). An id missing here is skipped, never invented.
 */
public record StoreNames(Map<Integer, String> tags, Map<Integer, Category> categories, Optional<Instant> fetchedAt) {

    public static final StoreNames NONE = new StoreNames(Map.of(), Map.of(), Optional.empty());

    public StoreNames {
        tags = Map.copyOf(tags);
        categories = Map.copyOf(categories);
    }

    /** A category: {@code type} 1 players, 2 features, 3 controller. */
    public record Category(int id, int type, String name) {
    }

    public Optional<String> tag(int id) {
        return Optional.ofNullable(tags.get(id));
    }

    public Optional<String> category(int id) {
        return Optional.ofNullable(categories.get(id)).map(Category::name);
    }

    /** Whether every id is named. */
    public boolean knowsAll(Iterable<Integer> tagIds, Iterable<Integer> categoryIds) {
        for (int id : tagIds) {
            if (!tags.containsKey(id)) {
                return false;
            }
        }
        for (int id : categoryIds) {
            if (!categories.containsKey(id)) {
                return false;
            }
        }
        return true;
    }
}
