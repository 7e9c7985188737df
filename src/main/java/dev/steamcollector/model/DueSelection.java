package dev.steamcollector.model;

import java.time.Instant;

/**
 * Which games' details a run fetches. {@code DUE}: pending, then failed whose retry time has
 * come, then successes older than {@code staleBefore}. {@code FAILED}: every failed game.
 * {@code ALL}: every active game not fetched since {@code staleBefore}.
 */
public record DueSelection(Kind kind, Instant now, Instant staleBefore, int limit) {

    /** The kinds of selection. */
    public enum Kind { DUE, FAILED, ALL }
}
