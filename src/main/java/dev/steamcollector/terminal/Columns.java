package dev.steamcollector.terminal;

/** How many columns the terminal has, while a status area shows on it. */
@FunctionalInterface
public interface Columns extends AutoCloseable {

    /** Taken when the terminal does not say. */
    int DEFAULT = 120;

    /** The terminal's width now, or {@link #DEFAULT} when it does not say. */
    int get();

    @Override
    default void close() {
    }

    static Columns fixed(int columns) {
        return () -> columns;
    }
}
