package dev.steamcollector.pipeline;

import java.util.function.Consumer;

/** Where the list of games comes from. */
public interface AppListSource {

    /**
     * Hands every slice of the list to {@code sink} as it arrives. Returns whether the whole list
     * came in this call (only then may missing games be deactivated); a fetch that fails part-way
     * throws, after the slices already handed over.
     */
    boolean fetchAll(Consumer<AppListBatch> sink);

    /** Says where the list comes from, for the log. */
    String description();
}
