package dev.steamcollector.persistence;

import dev.steamcollector.model.DataAge;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The age of each source's data about the active games, read from when each game's data was last
 * fetched: quantiles by offset into the indexed fetch times, so it stays quick at 180,000 games.
 * The app list is one age for every game: that of the latest run that listed games.
 */
public final class FreshnessRepository {

    private final Database database;

    FreshnessRepository(Database database) {
        this.database = database;
    }

    /** One source's fetch times: a column of a table keyed by {@code app_id}, with an optional condition on it. */
    private record Column(String source, String table, String column, Optional<String> country) {
    }

    /** The age of every source's data at {@code now}; Store prices for each of {@code countries}. */
    public List<DataAge> find(Instant now, List<String> countries) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column(DataAge.STEAMSPY_PAGES, "game_metadata", "page_fetched_at", Optional.empty()),
                new Column(DataAge.STEAMSPY_DETAILS, "game_metadata", "details_fetched_at", Optional.empty()),
                new Column(DataAge.CATALOGUE, "store_details", "catalogue_fetched_at", Optional.empty()),
                new Column(DataAge.APPDETAILS, "store_details", "fetched_at", Optional.empty()),
                new Column(DataAge.REVIEWS, "store_details", "reviews_fetched_at", Optional.empty())));
        countries.forEach(country -> columns.add(new Column(DataAge.prices(country), "price_checks", "checked_at",
                Optional.of(country))));
        return database.query(connection -> {
            long active = countActive(connection);
            List<DataAge> ages = new ArrayList<>();
            ages.add(appList(connection, active, now));
            for (Column column : columns) {
                ages.add(age(connection, column, active, now));
            }
            return ages;
        });
    }

    private static DataAge appList(Connection connection, long active, Instant now) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT MAX(started_at) FROM collection_runs WHERE games_listed > 0");
                ResultSet row = query.executeQuery()) {
            row.next();
            Optional<Duration> age = Optional.ofNullable(Parameters.getInstant(row, 1)).map(at -> since(at, now));
            return new DataAge(DataAge.APP_LIST, age.isPresent() ? active : 0, age.isPresent() ? 0 : active, age, age,
                    age);
        }
    }

    private static DataAge age(Connection connection, Column column, long active, Instant now) throws SQLException {
        String from = " FROM games g JOIN " + column.table() + " t ON t.app_id = g.app_id WHERE g.is_active = TRUE"
                + " AND t." + column.column() + " IS NOT NULL" + column.country().map(c -> " AND t.country = ?").orElse("");
        long games;
        Optional<Instant> oldest;
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*), MIN(t." + column.column() + ")"
                + from)) {
            bindCountry(query, column, 1);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                games = row.getLong(1);
                oldest = Optional.ofNullable(Parameters.getInstant(row, 2));
            }
        }
        if (games == 0) {
            return new DataAge(column.source(), 0, active, Optional.empty(), Optional.empty(), Optional.empty());
        }
        String newestFirst = "SELECT t." + column.column() + from + " ORDER BY t." + column.column()
                + " DESC LIMIT 1 OFFSET ?";
        Instant median = nth(connection, newestFirst, column, (games - 1) / 2);
        Instant p95 = nth(connection, newestFirst, column, (long) Math.ceil(games * 0.95) - 1);
        return new DataAge(column.source(), games, Math.max(0, active - games), Optional.of(since(median, now)),
                Optional.of(since(p95, now)), oldest.map(at -> since(at, now)));
    }

    private static Instant nth(Connection connection, String sql, Column column, long offset) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(bindCountry(query, column, 1), offset);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return Parameters.getInstant(row, 1);
            }
        }
    }

    /** Binds the column's country, if it has one, at {@code index}; returns the next free index. */
    private static int bindCountry(PreparedStatement query, Column column, int index) throws SQLException {
        if (column.country().isPresent()) {
            query.setString(index, column.country().get());
            return index + 1;
        }
        return index;
    }

    private static long countActive(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM games WHERE is_active = TRUE");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Duration since(Instant at, Instant now) {
        Duration age = Duration.between(at, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
