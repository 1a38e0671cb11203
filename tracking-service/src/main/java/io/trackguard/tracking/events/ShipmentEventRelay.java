package io.trackguard.tracking.events;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to the Redis stream, oldest first. One replica relays at a time (a
 * transaction-scoped advisory lock), so events of one shipment reach the stream in the order
 * their changes committed. A row is marked relayed only after its XADD: a crash in between
 * publishes it again with the same {@code id}, on which consumers de-duplicate (at least once,
 * never lost). Stream fields: {@code id, type, partner, shipment, occurredAt, payload}.
 */
@ApplicationScoped
public class ShipmentEventRelay {

    private static final Logger LOG = Logger.getLogger(ShipmentEventRelay.class);
    /** The advisory lock key of the relay (any constant unique in this database). */
    private static final long RELAY_LOCK = 0x7467_6576_656e_7473L;
    /** The scheduler's name of the relay (tests pause it to stage a crash before the relay). */
    public static final String JOB = "shipment-event-relay";

    private final EntityManager em;
    private final StreamCommands<String, String, String> streams;
    private final EventsConfig config;

    public ShipmentEventRelay(EntityManager em, RedisDataSource redis, EventsConfig config) {
        this.em = em;
        this.streams = redis.stream(String.class);
        this.config = config;
    }

    @Scheduled(identity = JOB, every = "${trackguard.events.relay-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void poll() {
        try {
            int n;
            do {
                n = relayOnce();
            } while (n == config.batchSize());
        } catch (RuntimeException e) {
            // Redis or the database away: the rows stay pending and go at the next poll.
            LOG.warnf("shipment events could not be relayed to %s: %s", config.stream(), e.getClass().getSimpleName());
        }
    }

    /** Relays one batch; answers how many rows were relayed, or -1 when another replica (or poll) holds the relay. */
    @Transactional
    public int relayOnce() {
        Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return -1;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT seq, id, shipment_id, partner_id, type, occurred_at, payload FROM shipment_event_outbox
                WHERE relayed_at IS NULL ORDER BY seq LIMIT ?1""")
                .setParameter(1, config.batchSize()).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        XAddArgs trim = new XAddArgs().maxlen(config.streamMaxLength()).nearlyExactTrimming();
        for (Object[] r : rows) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("id", r[1].toString());
            entry.put("type", (String) r[4]);
            entry.put("partner", (String) r[3]);
            entry.put("shipment", r[2].toString());
            entry.put("occurredAt", instant(r[5]).toString());
            entry.put("payload", (String) r[6]);
            streams.xadd(config.stream(), trim, entry);
        }
        // exactly the rows read: one with a lower seq may have committed since, and is not relayed yet
        List<Long> relayed = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        em.createNativeQuery("UPDATE shipment_event_outbox SET relayed_at = :now WHERE seq IN (:seqs)")
                .setParameter("now", Instant.now()).setParameter("seqs", relayed).executeUpdate();
        return rows.size();
    }

    /** Deletes relayed rows older than keep: they carry personal data and have done their work. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetRelayed() {
        int n = em.createNativeQuery("DELETE FROM shipment_event_outbox WHERE relayed_at < ?1")
                .setParameter(1, Instant.now().minus(config.keep())).executeUpdate();
        if (n > 0) {
            LOG.infof("%d relayed shipment events deleted from the outbox", n);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("occurred_at read as " + value.getClass());
    }
}
