package dev.steamcollector.config;

import java.util.Optional;

/** Discord price notifications: where they go, whether they are on, and what is worth a message. */
public record NotifySettings(
        boolean enabled,
        Optional<Secret> webhookUrl,
        int minDropPercent,
        int minDiscountPercent,
        int maxPerRun) {
}
