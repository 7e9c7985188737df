package dev.steamcollector.model;

import java.time.Instant;

/** The run holding the database: which process, where, doing what, since when, last seen when. */
public record LockHolder(long pid, String host, String mode, Instant startedAt, Instant heartbeatAt) {

    public String describe() {
        return "pid " + pid + " on " + host + " (" + mode + ", started " + startedAt + ")";
    }
}
