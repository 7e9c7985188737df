package dev.steamcollector.model;

/**
 * The sane range of every value the APIs send, in one place. Each bound leaves a wide margin over
 * the largest real value (SteamSpy's complete 2023 and 2025 dumps, the Store's answers): a value
 * past it is no data, and the record carrying it is a failed answer.
 */
public final class Bounds {

    /** Game names: the longest of SteamSpy's 80,000 has 250 characters. */
    public static final int NAME_CHARS = 1_000;
    /** Developers, publishers, genres, languages (comma-separated lists): the longest real ones have about 250. */
    public static final int TEXT_CHARS = 10_000;
    /** A game's tag-to-votes object as JSON text: SteamSpy sends at most 20 tags, about 400 characters. */
    public static final int TAGS_JSON_CHARS = 20_000;
    /** Appids: positive 32-bit integers, as the {@code app_id} columns hold them (the largest real ones have 7 digits). */
    public static final long APP_ID = Integer.MAX_VALUE;
    /** Owners, either end of SteamSpy's range: the widest real range ends at 500 million; more than there are people is no count. */
    public static final long OWNERS = 10_000_000_000L;
    /** Reviews, or votes for a tag, of one game: the most reviewed game has about 7.4 million. */
    public static final long REVIEWS = 1_000_000_000L;
    /** Players of one game at once: the record is under 2 million, Steam's own for all games together about 40 million. */
    public static final long CCU = 100_000_000L;
    /** Minutes of play (averages and medians): a century. */
    public static final long PLAYTIME_MINUTES = 100L * 365 * 24 * 60;
    /** SteamSpy's prices in US cents: the priciest product it lists costs $1,999.90; $100,000 is past any real price. */
    public static final long US_CENTS = 10_000_000L;
    /**
     * Store prices in minor units of any currency: rupiah and dong, counted in hundredths, reach the
     * hundreds of millions for the priciest titles; the price columns hold 32-bit integers.
     */
    public static final long MINOR_UNITS = Integer.MAX_VALUE;
    /** Unix times of changes to a game (the app list's {@code last_modified}): 1 January 2100 is past any of them. */
    public static final long UNIX_TIME = 4_102_444_800L;
    /** Discounts and score ranks are percentages. */
    public static final long PERCENT = 100;

    private Bounds() {
    }

    /** Whether {@code value} lies in {@code 0..max}: none of these values is ever negative. */
    public static boolean within(long value, long max) {
        return value >= 0 && value <= max;
    }

    /** A value for a message, at most 40 characters of it: an invalid value may be megabytes long. */
    public static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "… (" + value.length() + " characters)";
    }
}
