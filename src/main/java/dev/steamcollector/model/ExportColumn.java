package dev.steamcollector.model;

/** A column of {@code export}: its name (the database column's) and the kind of value it holds. */
public record ExportColumn(String name, Kind kind) {

    /** The kinds of value, and the Java type a row carries for each; any value may be null. */
    public enum Kind {
        /** A {@code String}. */
        TEXT,
        /** A {@code Long}. */
        NUMBER,
        /** A {@code Boolean}. */
        BOOLEAN,
        /** An {@code Instant}. */
        TIMESTAMP,
        /** A {@code String} holding a JSON document, as stored. */
        JSON
    }

    public ExportColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a column needs a name");
        }
        if (kind == null) {
            throw new IllegalArgumentException("column " + name + " needs a kind");
        }
    }
}
