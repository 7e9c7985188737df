package dev.steamcollector.model;

/** An announcement waiting in the queue, with the game's name for the message. */
public record QueuedNotification(
        long id, int appId, String gameName, Announcement.Kind kind, String currency, int oldPriceCents,
        int newPriceCents, Integer initialPriceCents, int discountPercent) {
}
