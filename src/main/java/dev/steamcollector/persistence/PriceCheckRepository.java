package dev.steamcollector.persistence;

import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.PriceCandidate;
import dev.steamcollector.model.PriceCandidate.Reason;
import dev.steamcollector.model.PriceChange;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.RunCheckpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code price_checks}: per game and country, the {@code price_change_number} the app list showed
 * when the Store price was last taken. It says which games {@code prices} must ask about: those
 * whose number moved since, those never priced there, and the ones checked longest ago.
 */
public final class PriceCheckRepository {

    private static final int FETCH_SIZE = 10_000;

    private final Database database;
    /** A change number we do not know (no key) never counts as moved. */
    private final String moved;
    private final String upsertCheck;

    PriceCheckRepository(Database database) {
        this.database = database;
        SqlDialect sql = database.dialect();
        this.moved = "g.price_change_number IS NOT NULL AND "
                + sql.distinct("c.price_change_number", "g.price_change_number");
        this.upsertCheck = sql.upsert("""
                INSERT INTO price_checks (app_id, country, price_change_number, checked_at)
                VALUES (?, ?, ?, ?)""", "app_id, country", List.of(
                "price_change_number = " + sql.inserted("price_change_number"),
                "checked_at = " + sql.inserted("checked_at")));
    }

    /** Active games never priced in {@code country} ({@code NEW}) or whose number moved since ({@code MOVED}). */
    public List<PriceCandidate> findMovedOrNew(String country) {
        String sql = "SELECT g.app_id, g.price_change_number, CASE WHEN c.app_id IS NULL THEN 1 ELSE 0 END"
                + " FROM games g LEFT JOIN price_checks c ON c.app_id = g.app_id AND c.country = ?"
                + " WHERE g.is_active = TRUE AND (c.app_id IS NULL OR (" + moved + ")) ORDER BY g.app_id";
        return select(sql, query -> query.setString(1, country), Integer.MAX_VALUE,
                row -> row.getInt(3) == 1 ? Reason.NEW : Reason.MOVED);
    }

    /**
     * The sweep: active games priced in {@code country} whose number did not move, checked longest
     * ago first: at least {@code share} of them, and every one last checked before {@code overdueBefore}.
     */
    public List<PriceCandidate> findSweep(String country, Instant overdueBefore, int share) {
        String sql = "SELECT g.app_id, g.price_change_number, CASE WHEN c.checked_at < ? THEN 1 ELSE 0 END"
                + " FROM games g JOIN price_checks c ON c.app_id = g.app_id AND c.country = ?"
                + " WHERE g.is_active = TRUE AND NOT (" + moved + ") ORDER BY c.checked_at, g.app_id";
        return select(sql, query -> {
            Parameters.setInstant(query, 1, overdueBefore);
            query.setString(2, country);
        }, share, row -> Reason.SWEEP);
    }

    /** Every active game, for {@code prices --all} and runs without change numbers. */
    public List<PriceCandidate> findAllActive() {
        String sql = "SELECT g.app_id, g.price_change_number, 0 FROM games g WHERE g.is_active = TRUE"
                + " ORDER BY g.app_id";
        return select(sql, query -> { }, Integer.MAX_VALUE, row -> Reason.ALL);
    }

    /** When the Store price of a game in {@code country} was last taken, if ever. */
    public Optional<Instant> findLastCheck(String country) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT checked_at FROM price_checks WHERE country = ? ORDER BY checked_at DESC LIMIT 1")) {
                query.setString(1, country);
                try (ResultSet row = query.executeQuery()) {
                    return Optional.ofNullable(row.next() ? Parameters.getInstant(row, 1) : null);
                }
            }
        });
    }

    /** How many games are active: the sweep's share is a part of them. */
    public long countActive() {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM games WHERE is_active = TRUE");
                    ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /**
     * Records the Store's prices (queueing what {@code announce} returns) and the checks of the
     * games it answered about in {@code country}, in one transaction: a price is never taken as
     * checked unless it is stored. {@code run}, when present, is the run's counters as they stand
     * with this batch, saved in the same transaction.
     */
    public List<PriceChange> store(String country, List<PriceCandidate> checked, List<PriceObservation> prices,
            Instant at, Function<PriceChange, Optional<Announcement>> announce, Optional<RunCheckpoint> run) {
        return database.inTransaction(session -> {
            List<PriceChange> changes = database.prices().record(session, prices, at, announce);
            session.doWork(connection -> {
                upsertChecks(connection, country, checked, at);
                if (run.isPresent()) {
                    RunRepository.raiseCounters(connection, run.get());
                }
            });
            return changes;
        });
    }

    private void upsertChecks(Connection connection, String country, List<PriceCandidate> checked,
            Instant at) throws SQLException {
        if (checked.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(upsertCheck)) {
            for (PriceCandidate game : checked) {
                upsert.setInt(1, game.appId());
                upsert.setString(2, country);
                Parameters.setValue(upsert, 3, game.priceChangeNumber(), Types.BIGINT);
                Parameters.setInstant(upsert, 4, at);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Binds a query's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement query) throws SQLException;
    }

    /** Reads why a row's game is asked about. */
    @FunctionalInterface
    private interface ReasonReader {
        Reason read(ResultSet row) throws SQLException;
    }

    /**
     * Runs a candidate query (appid, change number, overdue flag) and reads rows until
     * {@code atLeast} are read and the overdue flag turns 0.
     */
    private List<PriceCandidate> select(String sql, Binder binder, int atLeast, ReasonReader reason) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setFetchSize(FETCH_SIZE);
                binder.bind(query);
                List<PriceCandidate> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next() && (found.size() < atLeast || rows.getInt(3) == 1)) {
                        long number = rows.getLong(2);
                        Long known = rows.wasNull() ? null : number;
                        found.add(new PriceCandidate(rows.getInt(1), known, reason.read(rows)));
                    }
                }
                return found;
            }
        });
    }
}
