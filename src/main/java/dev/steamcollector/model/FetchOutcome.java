package dev.steamcollector.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What one per-game fetch from one source came to, ready to store: the data, "the source does not
 * know this game", or a failure with the earliest time worth trying again. A not-found or a
 * failure carries no data and never overwrites data already stored.
 */
public sealed interface FetchOutcome<T> {

    int appId();

    Instant at();

    /** The {@code fetch_status} this outcome leaves. */
    FetchStatus status();

    /** Fresh data. */
    record Fetched<T>(int appId, T data, Instant at) implements FetchOutcome<T> {
        public Fetched {
            Objects.requireNonNull(data);
            Objects.requireNonNull(at);
        }

        @Override
        public FetchStatus status() {
            return FetchStatus.SUCCESS;
        }
    }

    /** The source does not know the game (unknown, removed, hidden). */
    record NotFound<T>(int appId, Instant at) implements FetchOutcome<T> {
        public NotFound {
            Objects.requireNonNull(at);
        }

        @Override
        public FetchStatus status() {
            return FetchStatus.NOT_FOUND;
        }
    }

    /** The fetch failed after its retries; {@code retryAt} is the earliest time it is worth trying again. */
    record Failed<T>(int appId, String error, Instant at, Instant retryAt) implements FetchOutcome<T> {
        public Failed {
            Objects.requireNonNull(error);
            Objects.requireNonNull(at);
            Objects.requireNonNull(retryAt);
        }

        @Override
        public FetchStatus status() {
            return FetchStatus.FAILED;
        }
    }
}
