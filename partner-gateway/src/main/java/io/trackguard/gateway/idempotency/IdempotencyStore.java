package io.trackguard.gateway.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Idempotency keys of partner creates. The first request with a key claims it; the same key
 * with the same body then gets the first answer again (same status, same shipment); with a
 * different body, 422. A claim whose request died is taken over after a while.
 *
 * <p>A claim and its completion each commit on their own, outside any transaction of the caller's:
 * the claim must be visible to a concurrent retry before tracking-service is called, and must stay
 * when that call fails. They are plain JDBC on the datasource: the common path is one statement in
 * autocommit each (the INSERT of a claim, the UPDATE of its outcome), durable as before. With a
 * Hibernate session and a JTA transaction (REQUIRES_NEW) around each native statement, those two
 * were 39 % of the gateway's CPU samples under a create load (bench/RESULTS.md, gateway path).
 * Only a key seen before takes a transaction of its own, to read the record under a row lock.
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

    private final AgroalDataSource db;
    private final GatewayConfig config;

    public IdempotencyStore(AgroalDataSource db, GatewayConfig config) {
        this.db = db;
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

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Claim claim(String partnerId, String key, JsonNode body) {
        String hash = CanonicalJson.sha256(body);
        try (Connection c = db.getConnection()) {
            while (true) {
                Instant now = Instant.now();
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO idempotency_record (partner_id, idempotency_key, request_hash, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                    insert.setString(1, partnerId);
                    insert.setString(2, key);
                    insert.setString(3, hash);
                    insert.setObject(4, now.atOffset(ZoneOffset.UTC));
                    insert.setObject(5, now.plus(config.idempotencyTtl()).atOffset(ZoneOffset.UTC));
                    if (insert.executeUpdate() == 1) {
                        return new Claim(true, false, null, null, null);
                    }
                }
                Optional<Claim> seen = seenBefore(c, partnerId, key, hash, now);
                if (seen.isPresent()) {
                    return seen.get();
                }
                // expired and removed in between: claim it afresh
            }
        } catch (SQLException e) {
            throw new PersistenceException("idempotency record of a create", e);
        }
    }

    /** A key seen before, read under a row lock in a transaction of its own; empty when the record is gone. */
    private Optional<Claim> seenBefore(Connection c, String partnerId, String key, String hash, Instant now) throws SQLException {
        c.setAutoCommit(false);
        boolean done = false;
        try {
            Optional<Claim> claim = lockedClaim(c, partnerId, key, hash, now);
            c.commit();
            done = true;
            return claim;
        } finally {
            if (!done) {
                c.rollback();
            }
            c.setAutoCommit(true);
        }
    }

    private Optional<Claim> lockedClaim(Connection c, String partnerId, String key, String hash, Instant now) throws SQLException {
        String requestHash;
        Integer status;
        String body;
        String location;
        Instant started;
        try (PreparedStatement select = c.prepareStatement("""
                SELECT request_hash, status, response_body, location, created_at FROM idempotency_record
                WHERE partner_id = ? AND idempotency_key = ? FOR UPDATE""")) {
            select.setString(1, partnerId);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                requestHash = row.getString(1);
                int s = row.getInt(2);
                status = row.wasNull() ? null : s;
                body = row.getString(3);
                location = row.getString(4);
                started = row.getObject(5, OffsetDateTime.class).toInstant();
            }
        }
        if (!hash.equals(requestHash)) {
            throw new ProblemException(Problem.typed("idempotency-key-reused", 422, "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different body. Use a new key for a new shipment."));
        }
        if (status == null) {
            if (started.plus(IN_FLIGHT).isAfter(now)) {
                throw new ProblemException(Problem.typed("idempotency-key-in-use", 409, "Request in progress",
                        "A request with this Idempotency-Key is still being processed. Retry in a few seconds."),
                        Map.of("Retry-After", "2"));
            }
            touch(c, partnerId, key, now);
            return Optional.of(new Claim(true, true, null, null, null));
        }
        if (status == OUTCOME_UNKNOWN) {
            touch(c, partnerId, key, now);
            return Optional.of(new Claim(true, true, null, null, null));
        }
        return Optional.of(new Claim(false, false, status, body, location));
    }

    /** The answer to remember for the key; {@link #OUTCOME_UNKNOWN} when tracking-service did not say. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void complete(String partnerId, String key, int status, String body, String location) {
        try (Connection c = db.getConnection();
             PreparedStatement update = c.prepareStatement("""
                     UPDATE idempotency_record SET status = ?, response_body = ?, location = ?
                     WHERE partner_id = ? AND idempotency_key = ?""")) {
            update.setInt(1, status);
            update.setString(2, body);
            update.setString(3, location);
            update.setString(4, partnerId);
            update.setString(5, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("idempotency record of a create", e);
        }
    }

    @Scheduled(every = "10m")
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void removeExpired() {
        try (Connection c = db.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_record WHERE expires_at < now()")) {
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("removing expired idempotency records", e);
        }
    }

    private static void touch(Connection c, String partnerId, String key, Instant now) throws SQLException {
        try (PreparedStatement touch = c.prepareStatement(
                "UPDATE idempotency_record SET status = NULL, created_at = ? WHERE partner_id = ? AND idempotency_key = ?")) {
            touch.setObject(1, now.atOffset(ZoneOffset.UTC));
            touch.setString(2, partnerId);
            touch.setString(3, key);
            touch.executeUpdate();
        }
    }
}
