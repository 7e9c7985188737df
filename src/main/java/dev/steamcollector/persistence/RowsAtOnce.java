package dev.steamcollector.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * An {@code INSERT} written for many rows at once, {@code VALUES (...), (...), ...}: one statement
 * runs for a block of rows where a JDBC batch runs one a row. SQLite's driver runs a batch row by
 * row, and the app list's 272,859 games went in a fifth faster in blocks of 100. The PostgreSQL and
 * MySQL drivers rewrite a batch this way themselves, so every database takes the same path.
 *
 * <p>The statement for a full block is written once; the block that ends a list is written at its
 * own size, since repeating a row to fill it would make PostgreSQL refuse an upsert that touches a
 * row twice.
 *
 * @param <T> what a row is made of
 */
final class RowsAtOnce<T> {

    /** Binds one row's values from {@code first}, the index of its first placeholder. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, int first, T row) throws SQLException;
    }

    private final Function<String, String> statement;
    private final String row;
    private final int placeholders;
    private final int blockRows;
    private final String fullBlock;

    /**
     * @param statement the statement around its {@code VALUES} rows, given them as text
     * @param row one row, {@code (?, ?, TRUE)}
     * @param blockRows the rows a statement writes at most
     */
    RowsAtOnce(Function<String, String> statement, String row, int blockRows) {
        this.statement = statement;
        this.row = row;
        this.placeholders = (int) row.chars().filter(c -> c == '?').count();
        this.blockRows = blockRows;
        this.fullBlock = sql(blockRows);
    }

    /** Writes {@code rows} in blocks, in the connection's transaction. */
    void write(Connection connection, List<T> rows, Binder<T> binder) throws SQLException {
        int full = rows.size() / blockRows * blockRows;
        if (full > 0) {
            try (PreparedStatement block = connection.prepareStatement(fullBlock)) {
                for (int from = 0; from < full; from += blockRows) {
                    bindAndRun(block, rows.subList(from, from + blockRows), binder);
                }
            }
        }
        if (full < rows.size()) {
            try (PreparedStatement rest = connection.prepareStatement(sql(rows.size() - full))) {
                bindAndRun(rest, rows.subList(full, rows.size()), binder);
            }
        }
    }

    private void bindAndRun(PreparedStatement statement, List<T> block, Binder<T> binder) throws SQLException {
        for (int i = 0; i < block.size(); i++) {
            binder.bind(statement, i * placeholders + 1, block.get(i));
        }
        statement.executeUpdate();
    }

    private String sql(int rows) {
        return statement.apply(String.join(",\n       ", Collections.nCopies(rows, row)));
    }
}
