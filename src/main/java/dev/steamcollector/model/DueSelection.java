package dev.steamcollector.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Which games' details a run fetches. {@code DUE}: pending, then failed whose retry time has
 * come, then successes older than {@code staleBefore}: first those whose {@code last_modified}
 * moved past their last fetch, then the stalest. {@code FAILED}: every failed game. {@code ALL}:
 * every active game not fetched since {@code staleBefore}, in the same order.
 */
public record DueSelection(Kind kind, Instant now, Instant staleBefore, int limit) {

    /** Details fetched more recently than this are not due again in an incremental run. */
    public static final Duration DETAILS_FRESH_FOR = Duration.ofHours(20);

    /** The games an incremental run would fetch details for at {@code now}, at most {@code limit}. */
    public static DueSelection dueAt(Instant now, int limit) {
        return new DueSelection(Kind.DUE, now, now.minus(DETAILS_FRESH_FOR), limit);
    }

    /** The kinds of selection. */
    public enum Kind { DUE, FAILED, ALL }
}
