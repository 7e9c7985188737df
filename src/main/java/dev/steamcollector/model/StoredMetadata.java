package dev.steamcollector.model;

import java.time.Instant;

/** A game's metadata as stored, with the outcome of its last fetch. */
public record StoredMetadata(
        GameMetadata data, FetchStatus status, int fetchAttempts, String lastError, Instant lastUpdated) {
}
