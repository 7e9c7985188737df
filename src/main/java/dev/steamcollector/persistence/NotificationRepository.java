package dev.steamcollector.persistence;

import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.NotificationCounts;
import dev.steamcollector.model.QueuedNotification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code notifications} queue: rows without an outcome. A process claims the rows of a message
 * before posting it, so no other process posts them meanwhile; a claim older than {@code staleBefore}
 * belongs to a process that died while posting and may be taken.
 */
public final class NotificationRepository {

    private static final int CHUNK = 500;
    private static final String QUEUED = "n.outcome IS NULL AND (n.claimed_at IS NULL OR n.claimed_at < ?)";

    private final Database database;

    NotificationRepository(Database database) {
        this.database = database;
    }

    /** Queued announcements nobody is posting, oldest first, at most {@code limit}. */
    public List<QueuedNotification> findQueued(int limit, Instant staleBefore) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT n.id, n.app_id, g.name, n.kind, n.currency, n.old_price_cents, n.new_price_cents,
                           n.initial_price_cents, n.discount_percent
                      FROM notifications n JOIN games g ON g.app_id = n.app_id
                     WHERE""" + " " + QUEUED + " ORDER BY n.id LIMIT ?")) {
                Parameters.setInstant(query, 1, staleBefore);
                query.setInt(2, limit);
                List<QueuedNotification> queued = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        queued.add(new QueuedNotification(rows.getLong(1), rows.getInt(2), rows.getString(3),
                                Announcement.Kind.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
                                rows.getString(5), rows.getInt(6), rows.getInt(7),
                                Parameters.getInteger(rows, 8), rows.getInt(9)));
                    }
                }
                return queued;
            }
        });
    }

    /**
     * Claims those of {@code ids} that are still queued and not claimed by a live poster, for
     * {@code claimant}; returns the ids now claimed, which only this claimant may post.
     */
    public List<Long> claim(List<Long> ids, String claimant, Instant now, Instant staleBefore) {
        List<Long> claimed = new ArrayList<>();
        for (List<Long> chunk : chunks(ids)) {
            claimed.addAll(database.query(connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE notifications SET claimed_by = ?, claimed_at = ? WHERE id IN (" + marks(chunk)
                                + ") AND outcome IS NULL AND (claimed_at IS NULL OR claimed_at < ?)")) {
                    update.setString(1, claimant);
                    Parameters.setInstant(update, 2, now);
                    bindIds(update, 3, chunk);
                    Parameters.setInstant(update, 3 + chunk.size(), staleBefore);
                    update.executeUpdate();
                }
                return claimedBy(connection, chunk, claimant);
            }));
        }
        return claimed;
    }

    private static List<Long> claimedBy(Connection connection, List<Long> ids, String claimant) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM notifications WHERE id IN ("
                + marks(ids) + ") AND outcome IS NULL AND claimed_by = ? ORDER BY id")) {
            bindIds(query, 1, ids);
            query.setString(1 + ids.size(), claimant);
            List<Long> claimed = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getLong(1));
                }
            }
            return claimed;
        }
    }

    /** Gives back the claims of {@code claimant} on rows it did not post: they are queued again. */
    public void release(List<Long> ids, String claimant) {
        update(ids, "claimed_by = NULL, claimed_at = NULL", claimant, statement -> { });
    }

    /** Records that Discord accepted the message of these rows ({@code summarized}: as the summary line). */
    public void markSent(List<Long> ids, String claimant, boolean summarized, Instant at) {
        update(ids, "outcome = ?, sent_at = ?", claimant, statement -> {
            statement.setString(1, summarized ? "summarized" : "sent");
            Parameters.setInstant(statement, 2, at);
        });
    }

    /** Sets a row aside: Discord refused its message for its content, for {@code reason}. */
    public void setAside(long id, String claimant, String reason, Instant at) {
        update(List.of(id), "outcome = 'refused', refused_at = ?, refusal = ?", claimant, statement -> {
            Parameters.setInstant(statement, 1, at);
            statement.setString(2, reason);
        });
    }

    /** Binds the parameters of a SET clause, which come first. */
    private interface Setter {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(List<Long> ids, String set, String claimant, Setter setter) {
        int leading = (int) set.chars().filter(c -> c == '?').count();
        for (List<Long> chunk : chunks(ids)) {
            database.execute(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE notifications SET " + set
                        + " WHERE id IN (" + marks(chunk) + ") AND outcome IS NULL AND claimed_by = ?")) {
                    setter.bind(update);
                    bindIds(update, leading + 1, chunk);
                    update.setString(leading + 1 + chunk.size(), claimant);
                    update.executeUpdate();
                }
            });
        }
    }

    /** How many announcements wait in the queue (claimed or not). */
    public long countQueued() {
        return database.query(NotificationRepository::countQueued);
    }

    /** The queue and the messages set aside, with the latest refusal. */
    public NotificationCounts counts() {
        return database.query(connection -> {
            long setAside;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM notifications WHERE outcome = 'refused'");
                    ResultSet row = query.executeQuery()) {
                row.next();
                setAside = row.getLong(1);
            }
            Optional<String> latest = Optional.empty();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT refusal FROM notifications WHERE outcome = 'refused' ORDER BY refused_at DESC, id DESC LIMIT 1");
                    ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    latest = Optional.ofNullable(row.getString(1));
                }
            }
            return new NotificationCounts(countQueued(connection), setAside, latest);
        });
    }

    private static long countQueued(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM notifications WHERE outcome IS NULL");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Groups of ids small enough for one statement's parameters. */
    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static String marks(List<Long> ids) {
        return String.join(",", Collections.nCopies(ids.size(), "?"));
    }

    private static void bindIds(PreparedStatement statement, int first, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setLong(first + i, ids.get(i));
        }
    }
}
