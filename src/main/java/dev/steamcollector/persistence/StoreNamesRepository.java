package dev.steamcollector.persistence;

import dev.steamcollector.model.StoreNames;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code store_tags} and {@code store_categories} tables: the names of the Store's tag and category ids. */
public final class StoreNamesRepository {

    private final Database database;

    StoreNamesRepository(Database database) {
        this.database = database;
    }

    /** The names as stored, dated by their oldest fetch; {@link StoreNames#NONE} before the first. */
    public StoreNames find() {
        return database.query(connection -> {
            Map<Integer, String> tags = new HashMap<>();
            Map<Integer, StoreNames.Category> categories = new HashMap<>();
            Optional<Instant> oldest = Optional.empty();
            try (Statement query = connection.createStatement()) {
                try (ResultSet rows = query.executeQuery("SELECT tag_id, name, fetched_at FROM store_tags")) {
                    while (rows.next()) {
                        tags.put(rows.getInt(1), rows.getString(2));
                        oldest = older(oldest, Parameters.getInstant(rows, 3));
                    }
                }
                try (ResultSet rows = query.executeQuery(
                        "SELECT category_id, type, name, fetched_at FROM store_categories")) {
                    while (rows.next()) {
                        categories.put(rows.getInt(1), new StoreNames.Category(rows.getInt(1), rows.getInt(2),
                                rows.getString(3)));
                        oldest = older(oldest, Parameters.getInstant(rows, 4));
                    }
                }
            }
            boolean complete = !tags.isEmpty() && !categories.isEmpty();
            return new StoreNames(tags, categories, complete ? oldest : Optional.empty());
        });
    }

    /**
     * Replaces the stored names with {@code names}, fetched {@code at}, in one transaction; names
     * the Store no longer lists go (a game keeps the names it was stored with).
     */
    public void replace(StoreNames names, Instant fetchedAt) {
        // the time as every database keeps it: the names of this fetch are not older than itself
        Instant at = fetchedAt.truncatedTo(ChronoUnit.MILLIS);
        SqlDialect sql = database.dialect();
        database.execute(connection -> {
            try (PreparedStatement tag = connection.prepareStatement(sql.upsert(
                    "INSERT INTO store_tags (tag_id, name, fetched_at) VALUES (?, ?, ?)", "tag_id",
                    List.of("name = " + sql.inserted("name"), "fetched_at = " + sql.inserted("fetched_at"))))) {
                for (Map.Entry<Integer, String> entry : names.tags().entrySet()) {
                    tag.setInt(1, entry.getKey());
                    tag.setString(2, entry.getValue());
                    Parameters.setInstant(tag, 3, at);
                    tag.addBatch();
                }
                tag.executeBatch();
            }
            try (PreparedStatement category = connection.prepareStatement(sql.upsert(
                    "INSERT INTO store_categories (category_id, type, name, fetched_at) VALUES (?, ?, ?, ?)",
                    "category_id", List.of("type = " + sql.inserted("type"), "name = " + sql.inserted("name"),
                            "fetched_at = " + sql.inserted("fetched_at"))))) {
                for (StoreNames.Category entry : names.categories().values()) {
                    category.setInt(1, entry.id());
                    category.setInt(2, entry.type());
                    category.setString(3, entry.name());
                    Parameters.setInstant(category, 4, at);
                    category.addBatch();
                }
                category.executeBatch();
            }
            for (String table : List.of("store_tags", "store_categories")) {
                try (PreparedStatement gone = connection.prepareStatement("DELETE FROM " + table + " WHERE fetched_at < ?")) {
                    Parameters.setInstant(gone, 1, at);
                    gone.executeUpdate();
                }
            }
        });
    }

    private static Optional<Instant> older(Optional<Instant> oldest, Instant at) {
        return at == null || oldest.isPresent() && oldest.get().isBefore(at) ? oldest : Optional.of(at);
    }
}
