package io.trackguard.tracking.abuse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.trackguard.ratelimit.ScriptCall;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.audit.SqlTimes;
import io.trackguard.tracking.client.Actor;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Distributed scraping of one partner's shipments: distinct numbers of that partner looked
 * up publicly per window (a HyperLogLog in Redis, counted in the lookup's own round trip),
 * against the partner's normal rate. A botnet that walks a leaked customer file stays under
 * every per-address limit, but not under this. When it fires: one security event
 * ({@code DISTRIBUTED_SCRAPING}, with the partner) and guarded mode for the partner's
 * shipments (public lookups answer the status only) until a privacy officer clears it.
 *
 * <p>Guarded mode is marked in Redis (every replica sees it in the lookup's answer) and kept
 * in the database (it outlives a Redis restart; each replica reloads it every few seconds).
 */
@ApplicationScoped
public class PartnerSignal {

    private static final Logger LOG = Logger.getLogger(PartnerSignal.class);

    private final AbuseConfig config;
    private final EntityManager em;
    private final RedisDataSource redis;
    private final SecurityEvents events;
    private final Audit audit;
    private final Guard guard;
    /** The guarded partners as the database said at the last reload, plus what this replica guarded or cleared since. */
    private volatile Set<String> guarded = Set.of();

    public PartnerSignal(AbuseConfig config, EntityManager em, RedisDataSource redis, SecurityEvents events, Audit audit, Guard guard) {
        this.config = config;
        this.em = em;
        this.redis = redis;
        this.events = events;
        this.audit = audit;
        this.guard = guard;
    }

    /** The counting call for a public lookup of one of the partner's shipments. */
    public ScriptCall call(String partnerId, String numberHash) {
        long now = System.currentTimeMillis();
        String base = keyBase(partnerId);
        return new ScriptCall(SignalScript.SCRIPT,
                List.of(base + "stats", base + "hll:" + SignalScript.windowNumber(config.partner(), now), base + "guarded"),
                SignalScript.args(config.partner(), "distinct", numberHash, "sticky", now));
    }

    /**
     * Whether the partner's shipments are guarded, from the script's answer (null when Redis
     * could not be asked) or what this replica knows. On the first crossing: the event, the mark.
     */
    public boolean guarded(String partnerId, Response answer) {
        if (answer == null) {
            return guarded.contains(partnerId);
        }
        SignalScript.Reading reading = SignalScript.Reading.of(answer);
        if (reading.newlyFired()) {
            fire(partnerId, reading);
        }
        return reading.marked() || guarded.contains(partnerId);
    }

    /** The guarded partners, newest first; the question is audited. */
    public List<GuardedPartner> list(Actor officer) {
        audit.attempt(officer, null, null, null, Outcome.QUERIED, "guarded partners");
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT partner_id, guarded_since, window_start, window_end, distinct_numbers, normal_per_window, threshold, evidence
                    FROM guarded_partner ORDER BY guarded_since DESC""").getResultList();
            return rows.stream().map(r -> new GuardedPartner((String) r[0], SqlTimes.instant(r[1]), SqlTimes.instant(r[2]),
                    SqlTimes.instant(r[3]), ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue(),
                    (String) r[7])).toList();
        });
    }

    /**
     * An officer lifts guarded mode: the mark goes from the database and Redis, and the
     * partner's normal rate becomes at least what the current windows saw, so the traffic the
     * officer judged normal does not fire again at once. False when the partner was not guarded.
     */
    public boolean clear(String partnerId, Actor officer, String reason) {
        // Redis first: if the database then fails, the row keeps the partner guarded (and listed) until a retry
        String base = keyBase(partnerId);
        boolean marked;
        try {
            marked = redis.execute("EVAL", SignalScript.CLEAR.source(), "2", base + "stats", base + "guarded").toLong() == 1;
        } catch (RuntimeException e) {
            throw guard.unavailable();
        }
        int rows = QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("DELETE FROM guarded_partner WHERE partner_id = ?1").setParameter(1, partnerId).executeUpdate());
        Set<String> now = new HashSet<>(guarded);
        now.remove(partnerId);
        guarded = Set.copyOf(now);
        if (rows == 0 && !marked) {
            return false;
        }
        audit.attempt(officer, null, partnerId, null, Outcome.CLEARED, reason);
        LOG.infof("guarded mode cleared for partner %s by %s", partnerId, officer.id());
        return true;
    }

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    /** Every replica follows the database, so a mark outlives Redis and a clear reaches every replica. */
    @Scheduled(every = "${trackguard.abuse.guard-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        try {
            guarded = QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<String> ids = em.createNativeQuery("SELECT partner_id FROM guarded_partner").getResultList();
                return Set.copyOf(ids);
            });
        } catch (RuntimeException e) {
            LOG.warnf("guarded partners could not be reloaded (%s); keeping the %d known", e.getClass().getSimpleName(), guarded.size());
        }
    }

    private void fire(String partnerId, SignalScript.Reading reading) {
        Instant now = Instant.now();
        // the estimate slides over the previous window too: the scope starts with it
        Instant windowStart = Instant.ofEpochMilli(reading.windowStartMillis()).minus(config.partner().window());
        String evidence = reading.estimate() + " distinct tracking numbers of this partner looked up publicly in " + config.partner().window()
                + " (normal about " + reading.baseline() + " per window, threshold " + reading.threshold()
                + "); public lookups of its shipments answer the status only until a privacy officer clears it";
        GuardedPartner mark = new GuardedPartner(partnerId, now, windowStart, now, reading.estimate(), reading.baseline(),
                reading.threshold(), evidence);
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(mark));
            Set<String> more = new HashSet<>(guarded);
            more.add(partnerId);
            guarded = Set.copyOf(more);
        } catch (RuntimeException e) {
            // Redis' mark guards the partner on every replica meanwhile; only a Redis restart would lose it
            LOG.errorf("guarded mode of partner %s could not be kept in the database: %s", partnerId, e.getClass().getSimpleName());
        }
        Map<String, String> event = new LinkedHashMap<>();
        event.put("type", "DISTRIBUTED_SCRAPING");
        event.put("partner", partnerId);
        event.put("windowStart", windowStart.toString());
        event.put("windowEnd", now.toString());
        event.put("distinctNumbers", String.valueOf(reading.estimate()));
        event.put("misses", "0");
        event.put("failedVerifications", "0");
        event.put("evidence", evidence);
        event.put("source", "tracking-service");
        events.emit(event);
    }

    private void insert(GuardedPartner g) {
        em.createNativeQuery("""
                INSERT INTO guarded_partner (partner_id, guarded_since, window_start, window_end, distinct_numbers,
                                             normal_per_window, threshold, evidence)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (partner_id) DO NOTHING""")
                .setParameter(1, g.partnerId())
                .setParameter(2, OffsetDateTime.ofInstant(g.guardedSince(), ZoneOffset.UTC))
                .setParameter(3, OffsetDateTime.ofInstant(g.windowStart(), ZoneOffset.UTC))
                .setParameter(4, OffsetDateTime.ofInstant(g.windowEnd(), ZoneOffset.UTC))
                .setParameter(5, g.distinctNumbers())
                .setParameter(6, g.normalPerWindow())
                .setParameter(7, g.threshold())
                .setParameter(8, g.evidence())
                .executeUpdate();
    }

    private String keyBase(String partnerId) {
        return config.keyPrefix() + "{partner:" + partnerId + "}:";
    }
}
