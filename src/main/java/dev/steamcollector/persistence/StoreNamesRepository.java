package dev.steamcollector.persistence;

import dev.steamcollector.model.StoreNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code store_tags} and {@code store_categories} tables: the names of the Store's tag and category ids. */
public final class StoreNamesRepository {

    private final Database database;

    StoreNamesRepository(Database database) {
        this.database = database;
    }

    /** The names as stored, dated by their oldest fetch; {@link StoreNames#NONE} before the first. */
    public StoreNames find() {
        return database.inTransaction(session -> {
            Map<Integer, String> tags = new HashMap<>();
            Map<Integer, StoreNames.Category> categories = new HashMap<>();
            Optional<Instant> oldest = Optional.empty();
            for (StoreTagEntity tag : session.createSelectionQuery("from StoreTagEntity", StoreTagEntity.class)
                    .getResultList()) {
                tags.put(tag.tagId, tag.name);
                oldest = older(oldest, tag.fetchedAt);
            }
            for (StoreCategoryEntity category : session
                    .createSelectionQuery("from StoreCategoryEntity", StoreCategoryEntity.class).getResultList()) {
                categories.put(category.categoryId, category.toCategory());
                oldest = older(oldest, category.fetchedAt);
            }
            boolean complete = !tags.isEmpty() && !categories.isEmpty();
            return new StoreNames(tags, categories, complete ? oldest : Optional.empty());
        });
    }

    /**
     * Replaces the stored names with {@code names}, fetched {@code at}, in one transaction; names
     * the Store no longer lists go (a game keeps the names it was stored with).
     */
    public void replace(StoreNames names, Instant fetchedAt) {
        // the time as every database keeps it: the names of this fetch are not older than itself
        Instant at = fetchedAt.truncatedTo(ChronoUnit.MILLIS);
        database.inTransaction(session -> {
            session.upsertMultiple(names.tags().entrySet().stream()
                    .map(tag -> StoreTagEntity.of(tag.getKey(), tag.getValue(), at)).toList());
            session.upsertMultiple(names.categories().values().stream()
                    .map(category -> StoreCategoryEntity.of(category, at)).toList());
            for (String entity : List.of("StoreTagEntity", "StoreCategoryEntity")) {
                session.createMutationQuery("delete from " + entity + " where fetchedAt < :at")
                        .setParameter("at", at).executeUpdate();
            }
            return null;
        });
    }

    private static Optional<Instant> older(Optional<Instant> oldest, Instant at) {
        return at == null || oldest.isPresent() && oldest.get().isBefore(at) ? oldest : Optional.of(at);
    }
}
