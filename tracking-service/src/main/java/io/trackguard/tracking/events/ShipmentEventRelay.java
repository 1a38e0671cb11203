package io.trackguard.tracking.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.trackguard.tracking.shipment.ShipmentStatusChanged;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to the Redis stream, oldest first. One replica relays at a time (a
 * transaction-scoped advisory lock), so events of one shipment reach the stream in the order
 * their changes committed. A row is marked relayed only after its XADD: a crash in between
 * publishes it again with the same {@code id}, on which consumers de-duplicate (at least once,
 * never lost). Stream fields: {@code id, type, partner, shipment, occurredAt, payload}.
 *
 * <p>When it runs: each status change that commits in this replica wakes the relay at once (an
 * in-process signal after the commit, on a thread of its own; commits that come while it runs
 * wake it once more after). A slow fallback poll
 * ({@code trackguard.events.relay-fallback-interval}) takes the rows nobody woke it for: written
 * by a replica that crashed before relaying, or left while another relay held the lock for
 * longer than a woken relay waits. An idle replica does not touch the outbox between polls.
 * PostgreSQL's LISTEN/NOTIFY would also reach the other replicas, but needs a connection of its
 * own outside the pool, kept and re-opened; each replica wakes itself, so the signal need not
 * leave the process.
 */
@ApplicationScoped
public class ShipmentEventRelay {

    private static final Logger LOG = Logger.getLogger(ShipmentEventRelay.class);
    /** The advisory lock key of the relay (any constant unique in this database). */
    private static final long RELAY_LOCK = 0x7467_6576_656e_7473L;
    /**
     * The scheduler's name of the fallback poll. Pausing it pauses the woken relay too (tests
     * pause it to stage a crash before the relay).
     */
    public static final String JOB = "shipment-event-relay";
    /** How long a woken relay asks again for the lock while another relay holds it (one batch takes milliseconds). */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final long LOCK_RETRY_MS = 100;

    private final EntityManager em;
    private final StreamCommands<String, String, String> streams;
    private final EventsConfig config;
    private final Scheduler scheduler;
    /** The woken relay's one thread: runs never overlap, and a commit during a run queues one more. */
    private final ExecutorService woken;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Counter wokenLooks;
    private final Counter polledLooks;

    public ShipmentEventRelay(EntityManager em, RedisDataSource redis, EventsConfig config, Scheduler scheduler, MeterRegistry metrics) {
        this.em = em;
        this.streams = redis.stream(String.class);
        this.config = config;
        this.scheduler = scheduler;
        this.woken = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "shipment-event-relay");
            t.setDaemon(true);
            return t;
        });
        this.wokenLooks = looks(metrics, "commit");
        this.polledLooks = looks(metrics, "poll");
    }

    private static Counter looks(MeterRegistry metrics, String cause) {
        return Counter.builder("trackguard.events.relay.looks")
                .description("Transactions of the relay that looked at the outbox, by what started them: a commit in this replica or the fallback poll")
                .tag("cause", cause)
                .register(metrics);
    }

    /** A status change committed in this replica: its outbox row is there, relay it now (never on the committing thread). */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ShipmentStatusChanged change) {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                woken.execute(this::relayWoken);
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // shutting down: the row waits for a fallback poll
            }
        }
    }

    private void relayWoken() {
        wakeQueued.set(false); // from here on, a commit queues another run: this one may have read before it
        relayPending(wokenLooks, LOCK_WAIT);
    }

    @Scheduled(identity = JOB, every = "${trackguard.events.relay-fallback-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void poll() {
        relayPending(polledLooks, Duration.ZERO); // the lock held elsewhere: that relay is at work
    }

    /**
     * Relays batch after batch until the outbox is empty or the relay is paused. While another
     * relay holds the lock, asks again for up to {@code lockWait}: a woken relay's row may have
     * committed after that relay read the outbox.
     */
    private void relayPending(Counter looks, Duration lockWait) {
        long waitEnd = System.nanoTime() + lockWait.toNanos();
        try {
            while (scheduler.isRunning() && !scheduler.isPaused(JOB)) {
                looks.increment();
                int n = relayOnce();
                if (n == config.batchSize()) {
                    continue; // more behind this batch
                }
                if (n >= 0 || System.nanoTime() - waitEnd >= 0) {
                    return;
                }
                Thread.sleep(LOCK_RETRY_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
        } catch (RuntimeException e) {
            // Redis or the database away: the rows stay pending and go at the next commit or poll.
            LOG.warnf("shipment events could not be relayed to %s: %s", config.stream(), e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        woken.shutdownNow();
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
