package dev.steamcollector.pipeline;

import java.util.BitSet;
import java.util.function.Supplier;

/**
 * Decides what a complete app list that lacks active games may deactivate. A list lacking few
 * games (at most {@code MAX_LIST_SHRINK}) is believed at once. Past that, a list that looks
 * truncated deactivates nothing: it lacks far more than any real delisting, or (in appid order)
 * the games it lacks are one run of consecutive games, its tail or a page that went missing. Real
 * delistings are scattered over the whole appid range (7% between two real days two years apart,
 * in runs of at most nine games): those are applied at once. Whatever is neither is applied when
 * a second complete list in a row still lacks the same games.
 */
public final class ListShrinkGuard {

    /** A list lacking more than this share of the active games is never believed: one in four. */
    static final int FAR_TOO_MANY_DIVISOR = 4;
    /** A run of consecutive missing games this long, holding a quarter of them, is a truncation. */
    static final int MIN_TRUNCATION_RUN = 10;
    private static final int SLICES = 10;

    private final int maxShrinkPercent;

    public ListShrinkGuard(int maxShrinkPercent) {
        this.maxShrinkPercent = maxShrinkPercent;
    }

    /** How a list's missing games were judged. */
    public enum Shape {
        /** The list lacks no active game. */
        COMPLETE,
        /** Within {@code MAX_LIST_SHRINK}: deactivated at once. */
        USUAL,
        /** More than a quarter of the active games: refused. */
        FAR_TOO_MANY,
        /** One run of consecutive games (the tail, or a page missing): refused. */
        TRUNCATED,
        /** Spread over the whole appid range: deactivated at once. */
        SCATTERED,
        /** Neither: deactivated when the next complete list lacks them too. */
        UNCONFIRMED
    }

    /**
     * What to do: {@code deactivate} these games, {@code mark} these as missing from one complete
     * list; {@code run} is the longest run of consecutive missing games, from {@code runStart} to
     * {@code runEnd} (appids; with {@code runEnd} the highest active appid when it is the tail).
     */
    public record Verdict(Shape shape, long missing, long active, BitSet deactivate, BitSet mark, Run run) {
    }

    /** A run of consecutive active games (in appid order) all missing from the list. */
    public record Run(int length, int firstAppId, int lastAppId, boolean tail) {

        static final Run NONE = new Run(0, 0, 0, false);
    }

    /**
     * Judges a complete list that brought {@code seen}, against the {@code active} games before it,
     * of which {@code marked} were missing from the previous complete list; {@code inAppIdOrder} says
     * the list is ordered by appid, so that a truncation leaves a run of consecutive games out.
     */
    public Verdict judge(BitSet active, BitSet seen, BitSet marked, boolean inAppIdOrder) {
        return judge(active, seen, () -> marked, inAppIdOrder);
    }

    /** As above, asking for the {@code marked} games only when the verdict depends on them (seldom). */
    public Verdict judge(BitSet active, BitSet seen, Supplier<BitSet> marked, boolean inAppIdOrder) {
        BitSet missing = (BitSet) active.clone();
        missing.andNot(seen);
        long gone = missing.cardinality();
        long total = active.cardinality();
        if (gone == 0) {
            return new Verdict(Shape.COMPLETE, 0, total, new BitSet(), new BitSet(), Run.NONE);
        }
        if (gone * 100 <= total * maxShrinkPercent) {
            return new Verdict(Shape.USUAL, gone, total, missing, new BitSet(), Run.NONE);
        }
        if (gone * FAR_TOO_MANY_DIVISOR > total) {
            return new Verdict(Shape.FAR_TOO_MANY, gone, total, new BitSet(), new BitSet(), Run.NONE);
        }
        Run run = inAppIdOrder ? longestRun(active, missing) : Run.NONE;
        if (inAppIdOrder && run.length() >= Math.max(MIN_TRUNCATION_RUN, Math.ceilDiv(gone, 4))) {
            return new Verdict(Shape.TRUNCATED, gone, total, new BitSet(), new BitSet(), run);
        }
        if (inAppIdOrder && spreadOverTheWholeRange(active, missing, gone)) {
            return new Verdict(Shape.SCATTERED, gone, total, missing, new BitSet(), run);
        }
        BitSet before = marked.get();
        BitSet confirmed = (BitSet) missing.clone();
        confirmed.and(before);
        BitSet first = (BitSet) missing.clone();
        first.andNot(before);
        return new Verdict(Shape.UNCONFIRMED, gone, total, confirmed, first, run);
    }

    /** The longest run of active games, in appid order, that are all missing. */
    static Run longestRun(BitSet active, BitSet missing) {
        Run best = Run.NONE;
        int length = 0;
        int first = 0;
        int last = 0;
        for (int id = active.nextSetBit(0); id >= 0; id = active.nextSetBit(id + 1)) {
            if (missing.get(id)) {
                first = length == 0 ? id : first;
                last = id;
                length++;
                if (length > best.length()) {
                    best = new Run(length, first, last, false);
                }
            } else {
                length = 0;
            }
        }
        boolean tail = best.length() > 0 && best.lastAppId() == active.length() - 1;
        return new Run(best.length(), best.firstAppId(), best.lastAppId(), tail);
    }

    /**
     * Whether each tenth of the active games (in appid order) holds at least a fortieth and at most
     * a quarter of the missing ones; the real delistings between 2023 and 2025 hold 7-15% a tenth.
     */
    static boolean spreadOverTheWholeRange(BitSet active, BitSet missing, long gone) {
        int total = active.cardinality();
        int index = 0;
        long[] perSlice = new long[SLICES];
        for (int id = active.nextSetBit(0); id >= 0; id = active.nextSetBit(id + 1), index++) {
            if (missing.get(id)) {
                perSlice[(int) ((long) index * SLICES / total)]++;
            }
        }
        for (long count : perSlice) {
            if (count * 40 < gone || count * 4 > gone) {
                return false;
            }
        }
        return true;
    }
}
