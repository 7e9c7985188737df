package dev.steamcollector.http;

/**
 * Tells busy answers that mean "too fast" from busy answers at random by how often they come, not by
 * their form: SteamSpy answers both "Connection failed", and the Store both an empty body.
 *
 * <p>It learns the share of busy answers at a pace known to be below the server's limit (the
 * baseline: what the server answers busy whatever the pace) and weighs every answer as evidence
 * for "busy answers come more often than that" against "they come as often as that": a
 * cumulative sum of log-likelihood ratios (CUSUM), so a run of busy answers trips it at once, a
 * share a few points above the baseline trips it within a few hundred answers, and a share at the
 * baseline hardly ever does. The baseline never counts for more than {@value #HIGHEST_BASELINE}:
 * a server refusing a tenth of requests is too fast however it got there.
 */
final class BusyShare {

    /** What the baseline starts from before the server has shown its own, and how many answers that guess weighs. */
    static final double PRIOR = 0.035;
    static final double PRIOR_ANSWERS = 20;
    static final double LOWEST_BASELINE = 0.005;
    static final double HIGHEST_BASELINE = 0.06;
    /** A baseline under this is a server that is rarely busy at random. */
    static final double RARELY = 0.03;
    /** The evidence at which busy answers count as "too fast": about e^4 to one. */
    static final double THRESHOLD = 4;
    /** The baseline follows the last this many safe answers, so a server that changes its ways is learnt again. */
    private static final double MEMORY = 2_000;

    /** How many of the last answers make the share of busy answers "lately". */
    static final int RECENT = 32;

    private final boolean[] recent = new boolean[RECENT];
    private final double[] paceLately = new double[RECENT];
    private int heard;
    private double busyAtSafePace = PRIOR * PRIOR_ANSWERS;
    private double answersAtSafePace = PRIOR_ANSWERS;
    private double evidence;

    /**
     * Hears one answer, busy or usable, to a request that left at {@code pace}; {@code safe}: a pace
     * known to be below the server's limit; {@code nearLimit}: a pace at or past where busy answers came
     * too often before, where less evidence is needed. Returns whether busy answers now come too often
     * for chance: the pace is too fast.
     */
    boolean hear(boolean busy, boolean safe, double pace, boolean nearLimit) {
        if (safe) {
            learn(busy);
        }
        remember(busy, pace);
        double expected = baseline();
        // past the last limit found, a server that is rarely busy at random is believed sooner
        boolean believeSooner = nearLimit && expected < RARELY;
        double tooOften = Math.max(2 * expected, expected + 0.03);
        evidence += busy ? Math.log(tooOften / expected) : Math.log((1 - tooOften) / (1 - expected));
        evidence = Math.max(0, evidence);
        if (evidence < (believeSooner ? THRESHOLD / 2 : THRESHOLD)) {
            return false;
        }
        evidence = 0;
        return true;
    }

    /** Forgets the evidence gathered so far: it was about a pace no longer in force. */
    void restart() {
        evidence = 0;
    }

    /**
     * About how many requests a second the server accepted lately: the pace each of the last answers
     * left at, counted when usable (or busy at the baseline's rate, as the server gives those at any
     * pace). A server that keeps a limit accepts about its limit while the pace is above it.
     */
    double acceptedLately() {
        int answers = Math.min(heard, RECENT);
        double accepted = 0;
        for (int i = 0; i < answers; i++) {
            accepted += paceLately[i] * (recent[i] ? baseline() : 1);
        }
        return answers == 0 ? Double.POSITIVE_INFINITY : accepted / answers;
    }

    /** The share of the last answers that were usable. */
    double usableLately() {
        int answers = Math.min(heard, RECENT);
        int usable = 0;
        for (int i = 0; i < answers; i++) {
            usable += recent[i] ? 0 : 1;
        }
        return answers == 0 ? 0 : (double) usable / answers;
    }

    /** The share of busy answers the server gives at a pace below its limit, as far as known. */
    double baseline() {
        return Math.clamp(busyAtSafePace / answersAtSafePace, LOWEST_BASELINE, HIGHEST_BASELINE);
    }

    private void remember(boolean busy, double pace) {
        int slot = heard++ % RECENT;
        recent[slot] = busy;
        paceLately[slot] = pace;
    }

    private void learn(boolean busy) {
        if (answersAtSafePace >= MEMORY) {
            busyAtSafePace *= 0.5;
            answersAtSafePace *= 0.5;
        }
        answersAtSafePace++;
        if (busy) {
            busyAtSafePace++;
        }
    }
}
