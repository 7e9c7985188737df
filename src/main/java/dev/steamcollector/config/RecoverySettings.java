package dev.steamcollector.config;

import java.time.Duration;

/**
 * How a run rides out a troubled database: how long its run lock lives without a heartbeat (the
 * holder refreshes it four times as often), and how long a lost connection is tried again before
 * the run gives up.
 */
public record RecoverySettings(Duration runLockTimeout, Duration databaseReconnect) {

    public static final RecoverySettings DEFAULTS = new RecoverySettings(Duration.ofMinutes(2), Duration.ofSeconds(60));
}
