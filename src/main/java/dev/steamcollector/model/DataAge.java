package dev.steamcollector.model;

import java.time.Duration;
import java.util.Optional;

/**
 * How old one source's data about the active games is: of the {@code games} it has data about, the
 * median age, the 95th percentile and the oldest (empty when it has none); {@code never} active
 * games have none of its data yet.
 */
public record DataAge(String source, long games, long never, Optional<Duration> median, Optional<Duration> p95,
        Optional<Duration> oldest) {

    /** The sources, in the order a game's data is gathered; Store prices add one per country ({@link #prices}). */
    public static final String APP_LIST = "app_list";
    public static final String STEAMSPY_PAGES = "steamspy_pages";
    public static final String STEAMSPY_DETAILS = "steamspy_details";
    public static final String CATALOGUE = "catalogue";
    public static final String APPDETAILS = "appdetails";
    public static final String REVIEWS = "reviews";

    /** The Store prices of one country, e.g. {@code prices_us}. */
    public static String prices(String country) {
        return "prices_" + country;
    }
}
