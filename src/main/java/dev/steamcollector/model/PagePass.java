package dev.steamcollector.model;

import java.time.Instant;

/** A pass over SteamSpy's {@code all} pages: the next page to fetch, when it began, when it finished. */
public record PagePass(int nextPage, Instant startedAt, Instant completedAt) {

    public boolean completed() {
        return completedAt != null;
    }
}
