package dev.steamcollector.persistence;

import dev.steamcollector.model.StoreNames;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code store_categories}: the Store's name and kind of a category id, as of its last fetch. */
@Entity
@Table(name = "store_categories")
class StoreCategoryEntity {

    @Id
    @Column(name = "category_id")
    int categoryId;

    /** What the category says: a feature, a controller's support, an accessibility option. */
    int type;

    String name;

    @Column(name = "fetched_at")
    Instant fetchedAt;

    static StoreCategoryEntity of(StoreNames.Category category, Instant fetchedAt) {
        StoreCategoryEntity row = new StoreCategoryEntity();
        row.categoryId = category.id();
        row.type = category.type();
        row.name = category.name();
        row.fetchedAt = fetchedAt;
        return row;
    }

    StoreNames.Category toCategory() {
        return new StoreNames.Category(categoryId, type, name);
    }
}
