package dev.steamcollector.model;

/**
 * The Store's review summary of one game: {@code score} 0-9 with its label as players see it
 * ({@code "Very Positive"}, {@code "No user reviews"}), and the review counts.
 */
public record ReviewSummary(int appId, int score, String scoreLabel, long positive, long negative, long total) {

    public ReviewSummary {
        if (score < 0 || score > 9 || positive < 0 || negative < 0 || total < 0) {
            throw new IllegalArgumentException("review score 0-9 and counts not negative, not " + score + ", "
                    + positive + ", " + negative + ", " + total);
        }
    }
}
