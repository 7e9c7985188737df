package dev.steamcollector.persistence;

import dev.steamcollector.model.PagePass;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code page_passes}: where a pass over a paged listing stands, by the listing's name. */
@Entity
@Table(name = "page_passes")
class PagePassEntity {

    @Id
    String name;

    @Column(name = "next_page")
    int nextPage;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "completed_at")
    Instant completedAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    static PagePassEntity of(String name, PagePass pass, Instant now) {
        PagePassEntity row = new PagePassEntity();
        row.name = name;
        row.nextPage = pass.nextPage();
        row.startedAt = pass.startedAt();
        row.completedAt = pass.completedAt();
        row.updatedAt = now;
        return row;
    }

    PagePass toPass() {
        return new PagePass(nextPage, startedAt, completedAt);
    }
}
