package dev.steamcollector.persistence;

import static java.util.stream.Collectors.joining;

import dev.steamcollector.model.ExportColumn;
import dev.steamcollector.model.ExportColumn.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Stream;

/**
 * Games joined with their metadata and Store details, read through a cursor and handed on row by row: an export of
 * any size holds one row in memory at a time.
 */
public final class ExportRepository {

    /**
     * Rows the PostgreSQL driver fetches at a time: it reads a whole result into memory unless a
     * fetch size is set and autocommit is off (the pool keeps it off). SQLite steps row by row anyway.
     */
    private static final int FETCH_SIZE = 1_000;

    private static final List<ExportColumn> GAME_COLUMNS = List.of(
            new ExportColumn("app_id", Kind.NUMBER),
            new ExportColumn("name", Kind.TEXT),
            new ExportColumn("is_active", Kind.BOOLEAN),
            new ExportColumn("created_at", Kind.TIMESTAMP),
            new ExportColumn("updated_at", Kind.TIMESTAMP),
            new ExportColumn("last_modified", Kind.TIMESTAMP),
            new ExportColumn("price_change_number", Kind.NUMBER));

    private static final List<ExportColumn> BOOKKEEPING_COLUMNS = List.of(
            new ExportColumn("last_updated", Kind.TIMESTAMP),
            new ExportColumn("fetch_status", Kind.TEXT),
            new ExportColumn("fetch_attempts", Kind.NUMBER),
            new ExportColumn("last_error", Kind.TEXT));

    /** The prefix of the exported {@code store_details} columns: {@code store_type}, {@code store_fetch_status}. */
    public static final String STORE_PREFIX = "store_";

    private static final List<ExportColumn> STORE_COLUMNS = Stream.of(
            new ExportColumn("name", Kind.TEXT), new ExportColumn("type", Kind.TEXT),
            new ExportColumn("release_date", Kind.TEXT), new ExportColumn("release_date_text", Kind.TEXT),
            new ExportColumn("coming_soon", Kind.BOOLEAN), new ExportColumn("is_free", Kind.BOOLEAN),
            new ExportColumn("required_age", Kind.NUMBER), new ExportColumn("windows", Kind.BOOLEAN),
            new ExportColumn("mac", Kind.BOOLEAN), new ExportColumn("linux", Kind.BOOLEAN),
            new ExportColumn("metacritic_score", Kind.NUMBER), new ExportColumn("recommendations", Kind.NUMBER),
            new ExportColumn("achievements", Kind.NUMBER), new ExportColumn("dlc_count", Kind.NUMBER),
            new ExportColumn("developers_json", Kind.JSON), new ExportColumn("publishers_json", Kind.JSON),
            new ExportColumn("genres_json", Kind.JSON), new ExportColumn("categories_json", Kind.JSON),
            new ExportColumn("supported_languages", Kind.TEXT), new ExportColumn("full_audio_languages", Kind.TEXT),
            new ExportColumn("controller_support", Kind.TEXT), new ExportColumn("short_description", Kind.TEXT),
            new ExportColumn("header_image", Kind.TEXT), new ExportColumn("website", Kind.TEXT),
            new ExportColumn("review_score", Kind.NUMBER), new ExportColumn("review_score_desc", Kind.TEXT),
            new ExportColumn("total_positive", Kind.NUMBER), new ExportColumn("total_negative", Kind.NUMBER),
            new ExportColumn("total_reviews", Kind.NUMBER), new ExportColumn("fetched_at", Kind.TIMESTAMP),
            new ExportColumn("fetch_status", Kind.TEXT), new ExportColumn("last_error", Kind.TEXT),
            new ExportColumn("reviews_fetched_at", Kind.TIMESTAMP), new ExportColumn("reviews_fetch_status", Kind.TEXT),
            new ExportColumn("reviews_last_error", Kind.TEXT), new ExportColumn("tags_json", Kind.JSON),
            new ExportColumn("review_percent_positive", Kind.NUMBER), new ExportColumn("steam_deck", Kind.TEXT),
            new ExportColumn("early_access", Kind.BOOLEAN), new ExportColumn("parent_app_id", Kind.NUMBER),
            new ExportColumn("catalogue_status", Kind.TEXT), new ExportColumn("catalogue_fetched_at", Kind.TIMESTAMP),
            new ExportColumn("catalogue_last_error", Kind.TEXT))
            .map(column -> new ExportColumn(STORE_PREFIX + column.name(), column.kind())).toList();

    /**
     * Every exported column, in order: those of {@code games}, the data and bookkeeping of
     * {@code game_metadata}, then those of {@code store_details}, prefixed {@value #STORE_PREFIX}.
     */
    public static final List<ExportColumn> COLUMNS = Stream.of(GAME_COLUMNS.stream(),
            MetadataColumn.ALL.stream().map(ExportRepository::toExportColumn), BOOKKEEPING_COLUMNS.stream(),
            STORE_COLUMNS.stream())
            .flatMap(columns -> columns).toList();

    // a game without a metadata row (only possible when added by hand) is exported with empty metadata,
    // one the Store was never asked about with empty Store columns
    private static final String SELECT = "SELECT "
            + COLUMNS.stream().map(ExportRepository::select).collect(joining(", "))
            + " FROM games g LEFT JOIN game_metadata m ON m.app_id = g.app_id"
            + " LEFT JOIN store_details s ON s.app_id = g.app_id";

    private final Database database;

    ExportRepository(Database database) {
        this.database = database;
    }

    /** Receives the exported rows one at a time. */
    @FunctionalInterface
    public interface RowConsumer {
        /** Takes one row: values in the order of {@link #COLUMNS}, each of the Java type its kind names. */
        void accept(Object[] values) throws IOException;
    }

    /**
     * Reads every game (only active ones when {@code activeOnly}) with its metadata, in appid order,
     * handing each row to {@code rows} as it is read; returns how many rows there were. A failure of
     * {@code rows} ends the read and comes back as an {@link UncheckedIOException}.
     */
    public long streamGames(boolean activeOnly, RowConsumer rows) {
        String sql = SELECT + (activeOnly ? " WHERE g.is_active = TRUE" : "") + " ORDER BY g.app_id";
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet row = query.executeQuery()) {
                    long count = 0;
                    while (row.next()) {
                        rows.accept(read(row));
                        count++;
                    }
                    return count;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Object[] read(ResultSet row) throws SQLException {
        Object[] values = new Object[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(row, i + 1, COLUMNS.get(i).kind());
        }
        return values;
    }

    private static Object read(ResultSet row, int index, Kind kind) throws SQLException {
        return switch (kind) {
            case TEXT, JSON -> row.getString(index);
            case NUMBER -> {
                long value = row.getLong(index);
                yield row.wasNull() ? null : value;
            }
            case BOOLEAN -> {
                boolean value = row.getBoolean(index);
                yield row.wasNull() ? null : value;
            }
            case TIMESTAMP -> Parameters.getInstant(row, index);
        };
    }

    /** The column's expression in the query: a column of games (g), game_metadata (m) or store_details (s). */
    private static String select(ExportColumn column) {
        if (GAME_COLUMNS.contains(column)) {
            return "g." + column.name();
        }
        return STORE_COLUMNS.contains(column) ? "s." + column.name().substring(STORE_PREFIX.length())
                : "m." + column.name();
    }

    private static ExportColumn toExportColumn(MetadataColumn column) {
        Kind kind = column.name().equals("tags_json") ? Kind.JSON
                : column.sqlType() == Types.VARCHAR ? Kind.TEXT : Kind.NUMBER;
        return new ExportColumn(column.name(), kind);
    }
}
