package dev.steamcollector.persistence;

import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.PriceChange;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.PricePoint;
import dev.steamcollector.model.PriceSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.StatelessSession;

/**
 * {@code price_history}, and the announcements it queues in {@code notifications}. A price becomes a
 * row only when it differs from its series' latest row; an announcement is queued in the same transaction.
 */
public final class PriceRepository {

    private static final int LOOKUP_CHUNK = 500;

    private static final String INSERT_PRICE = """
            INSERT INTO price_history (app_id, currency, price_cents, initial_price_cents, discount_percent, source, observed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;

    /** The latest price of each of some games' series in one market. */
    private static final String LATEST = """
            from PriceHistoryEntity p
            where p.currency = :currency and p.source = :source and p.appId in :appIds
              and p.id = (select max(q.id) from PriceHistoryEntity q
                          where q.appId = p.appId and q.currency = p.currency and q.source = p.source)""";

    private final Database database;
    private final String queueAnnouncement;

    PriceRepository(Database database) {
        this.database = database;
        this.queueAnnouncement = database.dialect().insertIgnoringDuplicates("""
                INSERT INTO notifications (app_id, kind, currency, old_price_cents, new_price_cents, initial_price_cents,
                                           discount_percent, observed_on, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", "id");
    }

    /**
     * Adds the observations that change their series, and queues what {@code announce} returns for
     * each change, in one transaction. Every game must exist in {@code games}. Returns the changes.
     */
    public List<PriceChange> record(List<PriceObservation> observations, Instant at,
            Function<PriceChange, Optional<Announcement>> announce) {
        if (observations.isEmpty()) {
            return List.of();
        }
        return database.inTransaction(session -> record(session, observations, at, announce));
    }

    /** The same, inside the caller's unit of work; each change also queues its change event. */
    List<PriceChange> record(StatelessSession session, List<PriceObservation> observations, Instant at,
            Function<PriceChange, Optional<Announcement>> announce) {
        if (observations.isEmpty()) {
            return List.of();
        }
        Map<Series, PricePoint> latest = findLatest(session, observations);
        return session.doReturningWork(connection -> insertChanges(connection, observations, latest, at, announce));
    }

    private List<PriceChange> insertChanges(Connection connection, List<PriceObservation> observations,
            Map<Series, PricePoint> latest, Instant at, Function<PriceChange, Optional<Announcement>> announce)
            throws SQLException {
        List<PriceChange> changes = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_PRICE);
                PreparedStatement queue = connection.prepareStatement(queueAnnouncement)) {
            for (PriceObservation observation : observations) {
                Series series = Series.of(observation);
                Optional<PricePoint> previous = Optional.ofNullable(latest.get(series));
                if (previous.filter(observation::samePriceAs).isPresent()) {
                    continue;
                }
                PriceChange change = new PriceChange(observation, previous);
                changes.add(change);
                bindPrice(insert, observation, at);
                latest.put(series, new PricePoint(observation.priceCents(), observation.initialPriceCents(),
                        observation.discountPercent()));
                Optional<Announcement> announcement = announce.apply(change);
                if (announcement.isPresent()) {
                    bindAnnouncement(queue, announcement.get(), at);
                }
            }
            insert.executeBatch();
            queue.executeBatch();
        }
        database.outbox().append(connection, changes.stream().map(change -> ChangeEvents.priceChanged(change, at)).toList());
        return changes;
    }

    private static void bindPrice(PreparedStatement insert, PriceObservation observation, Instant at)
            throws SQLException {
        insert.setInt(1, observation.appId());
        insert.setString(2, observation.currency());
        insert.setInt(3, observation.priceCents());
        Parameters.setValue(insert, 4, observation.initialPriceCents(), Types.INTEGER);
        Parameters.setValue(insert, 5, observation.discountPercent(), Types.INTEGER);
        insert.setString(6, observation.source().dbValue());
        Parameters.setInstant(insert, 7, at);
        insert.addBatch();
    }

    private static void bindAnnouncement(PreparedStatement queue, Announcement announcement, Instant at)
            throws SQLException {
        PriceObservation now = announcement.change().now();
        queue.setInt(1, now.appId());
        queue.setString(2, announcement.kind().dbValue());
        queue.setString(3, now.currency());
        queue.setInt(4, announcement.change().previous().orElseThrow().priceCents());
        queue.setInt(5, now.priceCents());
        Parameters.setValue(queue, 6, now.initialPriceCents(), Types.INTEGER);
        queue.setInt(7, now.discountPercent() == null ? 0 : now.discountPercent());
        queue.setString(8, at.atZone(ZoneOffset.UTC).toLocalDate().toString());
        Parameters.setInstant(queue, 9, at);
        queue.addBatch();
    }

    /** The latest row of every series the observations touch. */
    private static Map<Series, PricePoint> findLatest(StatelessSession session, List<PriceObservation> observations) {
        Map<Market, List<Integer>> byMarket = new LinkedHashMap<>();
        for (PriceObservation o : observations) {
            byMarket.computeIfAbsent(new Market(o.currency(), o.source()), k -> new ArrayList<>()).add(o.appId());
        }
        Map<Series, PricePoint> latest = new HashMap<>();
        for (Map.Entry<Market, List<Integer>> entry : byMarket.entrySet()) {
            Market market = entry.getKey();
            List<Integer> ids = entry.getValue();
            for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
                List<PriceHistoryEntity> rows = session.createSelectionQuery(LATEST, PriceHistoryEntity.class)
                        .setParameter("currency", market.currency())
                        .setParameter("source", market.source().dbValue())
                        .setParameterList("appIds", ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)))
                        .getResultList();
                for (PriceHistoryEntity row : rows) {
                    latest.put(new Series(row.appId, market.currency(), market.source()),
                            new PricePoint(row.priceCents, row.initialPriceCents, row.discountPercent));
                }
            }
        }
        return latest;
    }

    /** One price series: a game's prices in one currency from one source. */
    private record Series(int appId, String currency, PriceSource source) {
        static Series of(PriceObservation observation) {
            return new Series(observation.appId(), observation.currency(), observation.source());
        }
    }

    /** The series of every game in one currency from one source: what one lookup asks about. */
    private record Market(String currency, PriceSource source) {
    }
}
