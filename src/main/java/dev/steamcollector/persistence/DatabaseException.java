package dev.steamcollector.persistence;

/** The database cannot be opened or used; {@link #reason()} tells whether a retry or a fix is needed. */
public final class DatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the database could not be used. */
    public enum Reason {
        /** Down or out of reach: trying later may work. */
        UNAVAILABLE,
        /** Wrong URL, credentials, path or permissions: a setting needs fixing. */
        MISCONFIGURED,
        /** Anything else. */
        FAILED
    }

    private final Reason reason;

    public DatabaseException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
