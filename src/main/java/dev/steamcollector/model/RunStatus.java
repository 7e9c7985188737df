package dev.steamcollector.model;

import java.util.Locale;

/** The state of a collection run, as stored in {@code collection_runs.status}. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
