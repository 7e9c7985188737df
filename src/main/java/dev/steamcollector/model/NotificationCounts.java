package dev.steamcollector.model;

import java.util.Optional;

/** The Discord queue: announcements waiting, and those set aside because Discord refused them, with the latest reason. */
public record NotificationCounts(long queued, long setAside, Optional<String> latestRefusal) {

    public static final NotificationCounts NONE = new NotificationCounts(0, 0, Optional.empty());
}
