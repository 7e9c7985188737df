package dev.steamcollector.persistence;

import dev.steamcollector.model.RunCheckpoint;
import dev.steamcollector.model.RunCounters;
import dev.steamcollector.model.RunRecord;
import dev.steamcollector.model.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code collection_runs} table: one row a run, opened at the start and closed at the end. */
public final class RunRepository {

    /** The counter columns, in the order of {@link RunCounters}' components. */
    private static final List<String> COUNTERS = List.of("games_listed", "games_added", "games_deactivated",
            "games_processed", "games_succeeded", "games_not_found", "games_failed", "requests", "retries",
            "throttle_pauses");
    private static final String RAISE_COUNTERS = "UPDATE collection_runs SET "
            + COUNTERS.stream().map(c -> c + " = CASE WHEN " + c + " < ? THEN ? ELSE " + c + " END")
                    .collect(Collectors.joining(", "))
            + " WHERE id = ?";

    private final Database database;

    RunRepository(Database database) {
        this.database = database;
    }

    /** Records a run as {@code running} and returns its id. */
    public long start(String mode, long pid, String host, Instant startedAt) {
        return database.inTransaction(session -> {
            CollectionRunEntity run = new CollectionRunEntity();
            run.mode = mode;
            run.startedAt = startedAt;
            run.status = RunStatus.RUNNING.dbValue();
            run.pid = pid;
            run.host = host;
            session.insert(run);
            return run.id;
        });
    }

    /**
     * Saves the counters of a run that is still going, so a killed run leaves its progress behind.
     * A counter is only ever raised: the counts saved with a committed batch (see
     * {@link #raiseCounters}) are never lowered by a snapshot taken a moment before it.
     */
    public void updateCounters(long id, RunCounters counters) {
        database.execute(connection -> raiseCounters(connection, new RunCheckpoint(id, counters)));
    }

    /** Raises the run's counters to {@code checkpoint}'s, in the caller's transaction. */
    static void raiseCounters(Connection connection, RunCheckpoint checkpoint) throws SQLException {
        RunCounters counters = checkpoint.counters();
        long[] values = {counters.gamesListed(), counters.gamesAdded(), counters.gamesDeactivated(),
            counters.gamesProcessed(), counters.gamesSucceeded(), counters.gamesNotFound(), counters.gamesFailed(),
            counters.requests(), counters.retries(), counters.throttlePauses()};
        try (PreparedStatement update = connection.prepareStatement(RAISE_COUNTERS)) {
            for (int i = 0; i < values.length; i++) {
                update.setLong(2 * i + 1, values[i]);
                update.setLong(2 * i + 2, values[i]);
            }
            update.setLong(2 * values.length + 1, checkpoint.runId());
            update.executeUpdate();
        }
    }

    /** Closes a run with its final status, counters and an optional message. */
    public void finish(long id, RunStatus status, RunCounters counters, String message, Instant finishedAt) {
        database.inTransaction(session -> {
            CollectionRunEntity run = session.get(CollectionRunEntity.class, id);
            copyCounters(counters, run);
            run.status = status.dbValue();
            run.message = message;
            run.finishedAt = finishedAt;
            session.update(run);
            return null;
        });
    }

    /**
     * Closes runs still marked running, as {@code interrupted}; call it only while holding the run
     * lock, when no other run can be going. Returns how many there were.
     */
    public int closeAbandoned(Instant now) {
        return database.query(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE collection_runs SET status = 'interrupted', finished_at = ?,"
                            + " message = 'the process ended without finishing (killed or crashed)'"
                            + " WHERE status = 'running'")) {
                Parameters.setInstant(update, 1, now);
                return update.executeUpdate();
            }
        });
    }

    /** The latest runs, newest first; plain JDBC, as {@code status} reads them without starting Hibernate. */
    public List<RunRecord> findLatest(int limit) {
        String sql = "SELECT id, mode, started_at, finished_at, status, " + String.join(", ", COUNTERS)
                + ", message FROM collection_runs ORDER BY started_at DESC, id DESC LIMIT ?";
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setInt(1, limit);
                List<RunRecord> runs = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        runs.add(toRecord(rows));
                    }
                }
                return runs;
            }
        });
    }

    private static void copyCounters(RunCounters counters, CollectionRunEntity run) {
        run.gamesListed = counters.gamesListed();
        run.gamesAdded = counters.gamesAdded();
        run.gamesDeactivated = counters.gamesDeactivated();
        run.gamesProcessed = counters.gamesProcessed();
        run.gamesSucceeded = counters.gamesSucceeded();
        run.gamesNotFound = counters.gamesNotFound();
        run.gamesFailed = counters.gamesFailed();
        run.requests = counters.requests();
        run.retries = counters.retries();
        run.throttlePauses = counters.throttlePauses();
    }

    private static RunRecord toRecord(ResultSet row) throws SQLException {
        int first = 6;
        RunCounters counters = new RunCounters(row.getLong(first), row.getLong(first + 1), row.getLong(first + 2),
                row.getLong(first + 3), row.getLong(first + 4), row.getLong(first + 5), row.getLong(first + 6),
                row.getLong(first + 7), row.getLong(first + 8), row.getLong(first + 9));
        return new RunRecord(row.getLong(1), row.getString(2), Parameters.getInstant(row, 3),
                Parameters.getInstant(row, 4), RunStatus.fromDb(row.getString(5)), counters,
                row.getString(first + COUNTERS.size()));
    }
}
