package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.pipeline.ListShrinkGuard.Shape;
import dev.steamcollector.pipeline.ListShrinkGuard.Verdict;
import dev.steamcollector.testing.Fixtures;
import java.util.BitSet;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a complete app list lacking active games may deactivate. */
class ListShrinkGuardTest {

    private static final int GAMES = 10_000;
    private final ListShrinkGuard guard = new ListShrinkGuard(5);

    /** Appids 10, 20, ... of {@code GAMES} active games. */
    private static BitSet catalogue() {
        return ids(GAMES, index -> true);
    }

    private static BitSet ids(int games, IntPredicate keep) {
        BitSet ids = new BitSet();
        for (int index = 0; index < games; index++) {
            if (keep.test(index)) {
                ids.set(10 * (index + 1));
            }
        }
        return ids;
    }

    @Test
    void aListLackingNothingChangesNothing() {
        Verdict verdict = guard.judge(catalogue(), catalogue(), new BitSet(), true);

        assertThat(verdict.shape()).isEqualTo(Shape.COMPLETE);
        assertThat(verdict.deactivate().cardinality()).isZero();
    }

    @Test
    void aFewMissingGamesAreDeactivatedAtOnceWhateverTheirShape() {
        // the last 4% of the list: a tail, but within MAX_LIST_SHRINK
        BitSet seen = ids(GAMES, index -> index < 9_600);

        Verdict verdict = guard.judge(catalogue(), seen, new BitSet(), true);

        assertThat(verdict.shape()).isEqualTo(Shape.USUAL);
        assertThat(verdict.deactivate().cardinality()).isEqualTo(400);
    }

    @Nested
    class WhenTheListLooksTruncated {

        @Test
        void aMissingTailDeactivatesNothingNorCountsAsAFirstSighting() {
            BitSet seen = ids(GAMES, index -> index < 9_300);

            Verdict verdict = guard.judge(catalogue(), seen, new BitSet(), true);

            assertThat(verdict.shape()).isEqualTo(Shape.TRUNCATED);
            assertThat(verdict.run()).isEqualTo(new ListShrinkGuard.Run(700, 93_010, 100_000, true));
            assertThat(verdict.deactivate().cardinality()).isZero();
            assertThat(verdict.mark().cardinality()).isZero();
        }

        @Test
        void aMissingTailIsRefusedEvenWhenTheSameGamesWereMissingBefore() {
            BitSet seen = ids(GAMES, index -> index < 9_300);
            BitSet marked = ids(GAMES, index -> index >= 9_300);

            Verdict verdict = guard.judge(catalogue(), seen, marked, true);

            assertThat(verdict.shape()).isEqualTo(Shape.TRUNCATED);
            assertThat(verdict.deactivate().cardinality()).isZero();
        }

        @Test
        void aMissingPageInTheMiddleIsATruncationToo() {
            BitSet seen = ids(GAMES, index -> index < 4_000 || index >= 5_000);

            Verdict verdict = guard.judge(catalogue(), seen, new BitSet(), true);

            assertThat(verdict.shape()).isEqualTo(Shape.TRUNCATED);
            assertThat(verdict.run().tail()).isFalse();
            assertThat(verdict.run().length()).isEqualTo(1_000);
        }

        @Test
        void aTailTogetherWithScatteredDelistingsIsStillRefused() {
            BitSet seen = ids(GAMES, index -> index < 9_400 && index % 20 != 7);

            assertThat(guard.judge(catalogue(), seen, new BitSet(), true).shape()).isEqualTo(Shape.TRUNCATED);
        }

        @Test
        void farMoreThanAnyRealDelistingIsRefusedWhateverItsShape() {
            BitSet seen = ids(GAMES, index -> index % 3 != 0);

            Verdict verdict = guard.judge(catalogue(), seen, catalogue(), true);

            assertThat(verdict.shape()).isEqualTo(Shape.FAR_TOO_MANY);
            assertThat(verdict.deactivate().cardinality()).isZero();
        }
    }

    @Nested
    class WhenGamesWereReallyDelisted {

        @Test
        void theRealDelistingsBetween2023And2025AreScatteredAndAppliedAtOnce() {
            BitSet before = new BitSet();
            BitSet after = new BitSet();
            int appId = 0;
            for (String line : Fixtures.read("applist-delistings/2023-02-04-vs-2025-01-01.txt.gz").split("\n")) {
                boolean gone = line.startsWith("-");
                appId += Integer.parseInt(gone ? line.substring(1) : line);
                before.set(appId);
                if (!gone) {
                    after.set(appId);
                }
            }

            Verdict verdict = guard.judge(before, after, new BitSet(), true);

            assertThat(verdict.missing()).isEqualTo(3_784);
            assertThat(verdict.active()).isEqualTo(56_911);
            assertThat(verdict.shape()).isEqualTo(Shape.SCATTERED);
            assertThat(verdict.deactivate().cardinality()).isEqualTo(3_784);
            assertThat(verdict.run().length()).isEqualTo(9);
        }

        @Test
        void aSevenPercentDropEveryFourteenthGameIsApplied() {
            BitSet seen = ids(GAMES, index -> index % 14 != 5);

            Verdict verdict = guard.judge(catalogue(), seen, new BitSet(), true);

            assertThat(verdict.shape()).isEqualTo(Shape.SCATTERED);
            assertThat(verdict.deactivate().cardinality()).isEqualTo(714);
        }

        @Test
        void gamesMissingFromOneRegionOnlyWaitForASecondCompleteList() {
            // 7% of the games, every other one in the first fifth of the range: not a run, not all over
            BitSet seen = ids(GAMES, index -> index >= 1_400 || index % 2 == 0);
            BitSet missing = catalogue();
            missing.andNot(seen);

            Verdict first = guard.judge(catalogue(), seen, new BitSet(), true);

            assertThat(first.shape()).isEqualTo(Shape.UNCONFIRMED);
            assertThat(first.deactivate().cardinality()).isZero();
            assertThat(first.mark()).isEqualTo(missing);

            Verdict second = guard.judge(catalogue(), seen, first.mark(), true);

            assertThat(second.deactivate()).isEqualTo(missing);
            assertThat(second.mark().cardinality()).isZero();
        }

        @Test
        void onlyTheGamesMissingTwiceInARowAreDeactivated() {
            BitSet seen = ids(GAMES, index -> index >= 1_400 || index % 2 == 0);
            BitSet marked = ids(GAMES, index -> index < 700 && index % 2 == 1);

            Verdict verdict = guard.judge(catalogue(), seen, marked, true);

            assertThat(verdict.deactivate()).isEqualTo(marked);
            assertThat(verdict.mark().cardinality()).isEqualTo(350);
        }

        @Test
        void aListInNoAppIdOrderIsNeverJudgedByShapeButHealsOnTheSecondList() {
            // SteamSpy's pages go by owners: a gap in appid order says nothing there
            BitSet seen = ids(GAMES, index -> index < 9_300);

            Verdict first = guard.judge(catalogue(), seen, new BitSet(), false);
            Verdict second = guard.judge(catalogue(), seen, first.mark(), false);

            assertThat(first.shape()).isEqualTo(Shape.UNCONFIRMED);
            assertThat(first.deactivate().cardinality()).isZero();
            assertThat(second.deactivate().cardinality()).isEqualTo(700);
        }

        @Test
        void aSingleMissingGameOfATinyCatalogueIsConfirmedByTheNextList() {
            BitSet active = ids(9, index -> true);
            BitSet seen = ids(9, index -> index != 8);

            Verdict first = guard.judge(active, seen, new BitSet(), true);
            Verdict second = guard.judge(active, seen, first.mark(), true);

            assertThat(first.shape()).isEqualTo(Shape.UNCONFIRMED);
            assertThat(second.deactivate().cardinality()).isEqualTo(1);
        }
    }
}
