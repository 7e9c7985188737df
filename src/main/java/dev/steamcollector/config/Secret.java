package dev.steamcollector.config;

import java.util.Objects;

/** A value that must never be printed: {@link #toString()} masks it, {@link #reveal()} is the only way in. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public String reveal() {
        return value;
    }

    /** Shows only that a value is set. */
    public String masked() {
        return "****";
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
