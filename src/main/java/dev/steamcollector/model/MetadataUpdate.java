package dev.steamcollector.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one per-game fetch, ready to store. A success carries the data; a failure or a
 * not-found carries none and never overwrites stored values.
 */
public sealed interface MetadataUpdate {

    int appId();

    Instant at();

    /** Fresh data: every field is stored, the failure count resets. */
    record Fetched(GameMetadata data, Instant at) implements MetadataUpdate {
        public Fetched {
            Objects.requireNonNull(data);
            Objects.requireNonNull(at);
        }

        @Override
        public int appId() {
            return data.appId();
        }
    }

    /** SteamSpy does not know the game (or hides it). */
    record NotFound(int appId, Instant at) implements MetadataUpdate {
        public NotFound {
            Objects.requireNonNull(at);
        }
    }

    /** The fetch failed; {@code retryAt} is the earliest time it is worth trying again. */
    record Failed(int appId, String error, Instant at, Instant retryAt) implements MetadataUpdate {
        public Failed {
            Objects.requireNonNull(error);
            Objects.requireNonNull(at);
            Objects.requireNonNull(retryAt);
        }
    }
}
