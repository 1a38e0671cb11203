package io.trackguard.gateway.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.scheduler.Scheduled;
import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Idempotency keys of partner creates. The first request with a key claims it; the same key
 * with the same body then gets the first answer again (same status, same shipment); with a
 * different body, 422. A claim whose request died is taken over after a while.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** The partner retries a key whose first request is still running: it should wait. */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(30);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    public static final int OUTCOME_UNKNOWN = 0;

    /** What to do with a request: run it (first time, or after an unknown outcome), or answer what was answered. */
    public record Claim(boolean run, boolean afterUnknownOutcome, Integer status, String body, String location) {
    }

    private final EntityManager em;
    private final GatewayConfig config;

    public IdempotencyStore(EntityManager em, GatewayConfig config) {
        this.em = em;
        this.config = config;
    }

    public static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new ProblemException(Problem.typed("idempotency-key-required", 400, "Idempotency-Key required",
                    "Send an Idempotency-Key header (a unique value per shipment you create, e.g. a UUID); "
                            + "retrying with the same key never creates twice."));
        }
        if (!KEY.matcher(key).matches()) {
            throw new ProblemException(Problem.typed("invalid-request", 400, "Invalid request",
                    "Idempotency-Key: 1 to 255 visible ASCII characters."));
        }
        return key;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claim(String partnerId, String key, JsonNode body) {
        String hash = CanonicalJson.sha256(body);
        Instant now = Instant.now();
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_record (partner_id, idempotency_key, request_hash, created_at, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""")
                .setParameter(1, partnerId).setParameter(2, key).setParameter(3, hash)
                .setParameter(4, now).setParameter(5, now.plus(config.idempotencyTtl()))
                .executeUpdate();
        if (inserted == 1) {
            return new Claim(true, false, null, null, null);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT request_hash, status, response_body, location, created_at FROM idempotency_record
                WHERE partner_id = ?1 AND idempotency_key = ?2 FOR UPDATE""")
                .setParameter(1, partnerId).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return claim(partnerId, key, body); // expired and removed in between
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ProblemException(Problem.typed("idempotency-key-reused", 422, "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different body. Use a new key for a new shipment."));
        }
        Integer status = row[1] == null ? null : ((Number) row[1]).intValue();
        if (status == null) {
            Instant started = toInstant(row[4]);
            if (started.plus(IN_FLIGHT).isAfter(now)) {
                throw new ProblemException(Problem.typed("idempotency-key-in-use", 409, "Request in progress",
                        "A request with this Idempotency-Key is still being processed. Retry in a few seconds."),
                        java.util.Map.of("Retry-After", "2"));
            }
            touch(partnerId, key, now);
            return new Claim(true, true, null, null, null);
        }
        if (status == OUTCOME_UNKNOWN) {
            touch(partnerId, key, now);
            return new Claim(true, true, null, null, null);
        }
        return new Claim(false, false, status, (String) row[2], (String) row[3]);
    }

    /** The answer to remember for the key; {@link #OUTCOME_UNKNOWN} when tracking-service did not say. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(String partnerId, String key, int status, String body, String location) {
        em.createNativeQuery("""
                UPDATE idempotency_record SET status = ?3, response_body = ?4, location = ?5
                WHERE partner_id = ?1 AND idempotency_key = ?2""")
                .setParameter(1, partnerId).setParameter(2, key).setParameter(3, status)
                .setParameter(4, body).setParameter(5, location).executeUpdate();
    }

    @Scheduled(every = "10m")
    @Transactional
    void removeExpired() {
        em.createNativeQuery("DELETE FROM idempotency_record WHERE expires_at < now()").executeUpdate();
    }

    private void touch(String partnerId, String key, Instant now) {
        em.createNativeQuery("UPDATE idempotency_record SET status = NULL, created_at = ?3 WHERE partner_id = ?1 AND idempotency_key = ?2")
                .setParameter(1, partnerId).setParameter(2, key).setParameter(3, now).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
