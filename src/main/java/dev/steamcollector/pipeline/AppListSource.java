package dev.steamcollector.pipeline;

import java.util.Optional;
import java.util.function.Consumer;

/** Where the list of games comes from. */
public interface AppListSource {

    /**
     * Hands every slice of the list to {@code sink} as it arrives. Returns whether the whole list
     * came in this call (only then may missing games be deactivated); a fetch that fails part-way
     * throws, after the slices already handed over.
     */
    boolean fetchAll(Consumer<AppListBatch> sink);

    /**
     * Whether the list arrives in appid order, so that a truncated list lacks a run of consecutive
     * games; the list-shrink guard tells truncations from delistings by that.
     */
    default boolean inAppIdOrder() {
        return false;
    }

    /** Says where the list comes from, for the log. */
    String description();

    /** Why nothing was fetched, when the source had no need to fetch anything this time. */
    default Optional<String> skippedBecause() {
        return Optional.empty();
    }
}
