package dev.steamcollector.persistence;

import dev.steamcollector.model.PagePass;
import java.time.Instant;
import java.util.Optional;

/** The {@code page_passes} table: the checkpoint of a pass over SteamSpy's {@code all} pages. */
public final class PagePassRepository {

    private static final String NAME = "steamspy_all";

    private final Database database;

    PagePassRepository(Database database) {
        this.database = database;
    }

    public Optional<PagePass> find() {
        return database.inTransaction(session -> Optional.ofNullable(session.get(PagePassEntity.class, NAME))
                .map(PagePassEntity::toPass));
    }

    /** Records where the pass stands; a completed pass has {@code completedAt} set. */
    public void save(PagePass pass, Instant now) {
        database.inTransaction(session -> {
            session.upsert(PagePassEntity.of(NAME, pass, now));
            return null;
        });
    }
}
