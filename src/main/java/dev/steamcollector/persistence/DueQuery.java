package dev.steamcollector.persistence;

import dev.steamcollector.model.DueGame;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs the queries of a due selection, whoever builds them: the due games in order, and how many there are. */
final class DueQuery {

    /** Binds a selection's parameters from the first; returns the index of the next free one. */
    @FunctionalInterface
    interface Binder {
        int bind(PreparedStatement query) throws SQLException;
    }

    private DueQuery() {
    }

    /** The first {@code limit} rows of {@code sql} (appid, fetch attempts, then a {@code LIMIT ?}) as due games. */
    static List<DueGame> find(Database database, String sql, Binder binder, int limit) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setInt(binder.bind(query), limit);
                List<DueGame> due = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        due.add(new DueGame(rows.getInt(1), rows.getInt(2)));
                    }
                }
                return due;
            }
        });
    }

    /** The count {@code sql} ({@code SELECT COUNT(*) …}) returns. */
    static long count(Database database, String sql, Binder binder) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                binder.bind(query);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
