package dev.steamcollector.bench;

import java.util.Locale;

/**
 * The real defaults' times, computed from what a scaled run measured: requests per game, the share
 * of its limit the catalogue kept, the list's requests a page and the pause between list and
 * catalogue ({@code listStoredSeconds} for {@link #REAL_GAMES} games, measured with
 * {@code listStoredMeasuredAt}). Each request is counted with its slot ({@code n / rate}), as the share is.
 */
record CatalogueProjection(double itemRequestsPerGame, int nameRequests, double share, double listRequestsPerPage,
        double listStoredSeconds, int listStoredMeasuredAt) {

    static final int REAL_GAMES = 180_000;
    static final double CATALOGUE_PER_SECOND = 1;
    static final int LIST_PAGE = 50_000;
    static final double LIST_PER_SECOND = 100_000 / 86_400.0;
    static final int STEAMSPY_PAGES = 80;
    static final double STEAMSPY_PAGES_PER_SECOND = 1 / 60.0;
    static final double CATALOGUE_TARGET_MINUTES = 35;
    static final double FIRST_RUN_TARGET_MINUTES = 150;

    /** This projection with the pause between list and catalogue measured with {@code games} games. */
    CatalogueProjection withListStored(double seconds, int games) {
        return new CatalogueProjection(itemRequestsPerGame, nameRequests, share, listRequestsPerPage,
                seconds * REAL_GAMES / games, games);
    }

    /** Catalogue requests (items and names) for {@link #REAL_GAMES} games. */
    double catalogueRequests() {
        return Math.ceil(itemRequestsPerGame * REAL_GAMES) + nameRequests;
    }

    /** Seconds of the catalogue pass at its real ceiling, at the share of it the scaled run kept. */
    double catalogueSeconds() {
        return catalogueRequests() / (CATALOGUE_PER_SECOND * share);
    }

    /** Prints the catalogue pass at the real defaults; true when it is within its target. */
    boolean printCataloguePass(String row) {
        double minutes = catalogueSeconds() / 60;
        System.out.printf(Locale.ROOT, row, "real defaults: catalogue pass", String.format(Locale.ROOT,
                "(%.4f x %,d + %d names) = %,.0f requests / (%.0f/s x %.1f%% used) = %,.0f s = %.1f min",
                itemRequestsPerGame, REAL_GAMES, nameRequests, catalogueRequests(), CATALOGUE_PER_SECOND, 100 * share,
                catalogueSeconds(), minutes), "<= " + (int) CATALOGUE_TARGET_MINUTES + " min", verdict(
                minutes <= CATALOGUE_TARGET_MINUTES));
        System.out.printf(Locale.ROOT, "    (one game a request today: %,d / (200/5 minutes) = %.0f h)%n", REAL_GAMES,
                REAL_GAMES / (200 / 300.0) / 3600);
        return minutes <= CATALOGUE_TARGET_MINUTES;
    }

    /** Prints the arithmetic of a first complete keyed run; true when it is within its target. */
    boolean printFirstRun(String row) {
        double listRequests = Math.ceil(Math.ceil((double) REAL_GAMES / LIST_PAGE) * listRequestsPerPage);
        double list = listRequests / LIST_PER_SECOND;
        double gap = listStoredSeconds;
        double pages = STEAMSPY_PAGES / STEAMSPY_PAGES_PER_SECOND;
        double catalogue = catalogueSeconds();
        double total = list + gap + Math.max(pages, catalogue);
        System.out.println("  first complete keyed run at the real limits (list, then SteamSpy pages beside the catalogue):");
        System.out.printf(Locale.ROOT, "    app list:        %.0f requests (ceil(%,d / %,d) x %.2f measured a page) at"
                + " 100000/day = %.0f x 0.864 s = %.1f s%n", listRequests, REAL_GAMES, LIST_PAGE, listRequestsPerPage,
                listRequests, list);
        System.out.printf(Locale.ROOT, "    list stored:     %.1f s from the list's first request to the catalogue's first"
                + " (measured at 100/s with %,d games%s; added whole, as if none of it overlapped the pacing)%n", gap, listStoredMeasuredAt,
                listStoredMeasuredAt == REAL_GAMES ? "" : ", scaled to " + String.format(Locale.ROOT, "%,d", REAL_GAMES));
        System.out.printf(Locale.ROOT, "    SteamSpy pages:  %d pages (assumed, ~80k games) at 1/minute = %.0f s = %.1f min%n",
                STEAMSPY_PAGES, pages, pages / 60);
        System.out.printf(Locale.ROOT, "    catalogue:       %,.0f requests at 1/s, %.1f%% used = %,.0f s = %.1f min%n",
                catalogueRequests(), 100 * share, catalogue, catalogue / 60);
        System.out.printf(Locale.ROOT, "    total:           %.1f + %.1f + max(%.0f, %.0f) = %,.0f s%n", list, gap, pages,
                catalogue, total);
        boolean pass = total / 60 <= FIRST_RUN_TARGET_MINUTES;
        System.out.printf(Locale.ROOT, row, "real defaults: first keyed run described", hoursMinutes(total)
                + " (today: ~3 days of appdetails)", "<= 2 h 30 min", verdict(pass));
        return pass;
    }

    static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    private static String hoursMinutes(double seconds) {
        long minutes = Math.round(seconds / 60);
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }
}
