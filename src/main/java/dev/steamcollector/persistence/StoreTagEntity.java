package dev.steamcollector.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code store_tags}: the Store's name of a tag id, as of its last fetch. */
@Entity
@Table(name = "store_tags")
class StoreTagEntity {

    @Id
    @Column(name = "tag_id")
    int tagId;

    String name;

    @Column(name = "fetched_at")
    Instant fetchedAt;

    static StoreTagEntity of(int tagId, String name, Instant fetchedAt) {
        StoreTagEntity tag = new StoreTagEntity();
        tag.tagId = tagId;
        tag.name = name;
        tag.fetchedAt = fetchedAt;
        return tag;
    }
}
