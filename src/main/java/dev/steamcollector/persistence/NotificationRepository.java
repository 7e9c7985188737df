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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hibernate.query.MutationQuery;

/**
 * The {@code notifications} queue: rows without an outcome. A process claims the rows of a message
 * before posting it, so no other process posts them meanwhile; a claim older than {@code staleBefore}
 * belongs to a process that died while posting and may be taken.
 */
public final class NotificationRepository {

    private static final int CHUNK = 500;
    /** Not posted, and not claimed by a poster still alive. */
    private static final String QUEUED = "n.outcome is null and (n.claimedAt is null or n.claimedAt < :staleBefore)";
    /** Among some rows, those still queued that {@code claimant} holds. */
    private static final String HELD = "n.id in :ids and n.outcome is null and n.claimedBy = :claimant";

    private final Database database;

    NotificationRepository(Database database) {
        this.database = database;
    }

    /** Queued announcements nobody is posting, oldest first, at most {@code limit}. */
    public List<QueuedNotification> findQueued(int limit, Instant staleBefore) {
        return database.inTransaction(session -> session.createSelectionQuery("""
                        select n, g.name from NotificationEntity n join GameEntity g on g.appId = n.appId
                         where""" + " " + QUEUED + " order by n.id", Object[].class)
                .setParameter("staleBefore", staleBefore)
                .setMaxResults(limit)
                .getResultList().stream()
                .map(row -> queued((NotificationEntity) row[0], (String) row[1]))
                .toList());
    }

    private static QueuedNotification queued(NotificationEntity n, String name) {
        return new QueuedNotification(n.id, n.appId, name, Announcement.Kind.valueOf(n.kind.toUpperCase(Locale.ROOT)),
                n.currency, n.oldPriceCents, n.newPriceCents, n.initialPriceCents, n.discountPercent);
    }

    /**
     * Claims those of {@code ids} that are still queued and not claimed by a live poster, for
     * {@code claimant}; returns the ids now claimed, which only this claimant may post.
     */
    public List<Long> claim(List<Long> ids, String claimant, Instant now, Instant staleBefore) {
        List<Long> claimed = new ArrayList<>();
        for (List<Long> chunk : chunks(ids)) {
            claimed.addAll(database.inTransaction(session -> {
                session.createMutationQuery("update NotificationEntity n set n.claimedBy = :claimant,"
                                + " n.claimedAt = :now where n.id in :ids and " + QUEUED)
                        .setParameter("claimant", claimant)
                        .setParameter("now", now)
                        .setParameterList("ids", chunk)
                        .setParameter("staleBefore", staleBefore)
                        .executeUpdate();
                return session.createSelectionQuery("select n.id from NotificationEntity n where " + HELD
                                + " order by n.id", Long.class)
                        .setParameterList("ids", chunk)
                        .setParameter("claimant", claimant)
                        .getResultList();
            }));
        }
        return claimed;
    }

    /** Gives back the claims of {@code claimant} on rows it did not post: they are queued again. */
    public void release(List<Long> ids, String claimant) {
        update(ids, "n.claimedBy = null, n.claimedAt = null", claimant, Map.of());
    }

    /** Records that Discord accepted the message of these rows ({@code summarized}: as the summary line). */
    public void markSent(List<Long> ids, String claimant, boolean summarized, Instant at) {
        update(ids, "n.outcome = :outcome, n.sentAt = :at", claimant,
                Map.of("outcome", summarized ? "summarized" : "sent", "at", at));
    }

    /** Sets a row aside: Discord refused its message for its content, for {@code reason}. */
    public void setAside(long id, String claimant, String reason, Instant at) {
        update(List.of(id), "n.outcome = 'refused', n.refusedAt = :at, n.refusal = :reason", claimant,
                Map.of("at", at, "reason", reason));
    }

    /** Sets {@code assignments} (with their {@code parameters}) on the rows of {@code ids} that {@code claimant} holds. */
    private void update(List<Long> ids, String assignments, String claimant, Map<String, Object> parameters) {
        for (List<Long> chunk : chunks(ids)) {
            database.inTransaction(session -> {
                MutationQuery update = session.createMutationQuery(
                                "update NotificationEntity n set " + assignments + " where " + HELD)
                        .setParameterList("ids", chunk)
                        .setParameter("claimant", claimant);
                parameters.forEach(update::setParameter);
                return update.executeUpdate();
            });
        }
    }

    /** How many announcements wait in the queue (claimed or not). */
    public long countQueued() {
        return database.query(NotificationRepository::countQueued);
    }

    /** The queue and the messages set aside, with the latest refusal; plain JDBC, as {@code status} reads it. */
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
}
