package io.trackguard.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.UUID;

/**
 * What a partner sees of its deliveries (through partner-gateway), and what it may ask: a retry
 * of one, a signed ping to one subscription. Every question names the partner; a delivery or
 * subscription of another partner is as absent as a missing one.
 */
@ApplicationScoped
public class DeliveryLog {

    /** One attempt: when, the endpoint's status code or the error, how long it took. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int n, Instant at, Integer statusCode, String error, int durationMs) {
    }

    /** One delivery with its attempts. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(UUID id, UUID subscriptionId, String type, String status, int attempts, Instant nextAttemptAt,
                           Integer lastStatusCode, String lastError, Instant createdAt, Instant deliveredAt, List<Attempt> log) {
    }

    /**
     * What notification-service knows of one endpoint: failing since when (no success since), or
     * disabled (410 Gone, or failing for too long) and why. Endpoints never tried are absent.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(UUID subscriptionId, Instant failingSince, Instant disabledAt, String disabledReason) {
    }

    private final AgroalDataSource dataSource;

    public DeliveryLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The newest deliveries to one of the partner's subscriptions, with their attempts. */
    public List<Delivery> of(String partnerId, UUID subscriptionId, int limit) {
        Map<UUID, Delivery> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, subscription_id, type, status, attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at
                    FROM webhook_delivery WHERE partner_id = ? AND subscription_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?""")) {
                ps.setString(1, partnerId);
                ps.setObject(2, subscriptionId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString(4);
                        boolean waiting = status.equals("PENDING") || status.equals("SENDING");
                        UUID id = (UUID) rs.getObject(1);
                        out.put(id, new Delivery(id, (UUID) rs.getObject(2), rs.getString(3), status, rs.getInt(5),
                                waiting ? instant(rs.getTimestamp(6)) : null, (Integer) rs.getObject(7), rs.getString(8),
                                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), new ArrayList<>()));
                    }
                }
            }
            if (!out.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT delivery_id, n, attempted_at, status_code, error, duration_ms FROM webhook_attempt
                        WHERE delivery_id = ANY (?) ORDER BY delivery_id, n""")) {
                    ps.setArray(1, c.createArrayOf("uuid", out.keySet().toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.get((UUID) rs.getObject(1)).log().add(new Attempt(rs.getInt(2), instant(rs.getTimestamp(3)),
                                    (Integer) rs.getObject(4), rs.getString(5), rs.getInt(6)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery log: " + e.getSQLState(), e);
        }
        return List.copyOf(out.values());
    }

    /** Sends one of the partner's deliveries again now (one more attempt, the same webhook-id); false when it is not the partner's. */
    public boolean retry(String partnerId, UUID subscriptionId, UUID deliveryId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = clock_timestamp(), lease_until = NULL
                WHERE id = ? AND partner_id = ? AND subscription_id = ? AND status <> 'SENDING'
                  AND NOT EXISTS (SELECT 1 FROM webhook_endpoint p WHERE p.subscription_id = ? AND p.disabled_at IS NOT NULL)""")) {
            ps.setObject(1, deliveryId);
            ps.setString(2, partnerId);
            ps.setObject(3, subscriptionId);
            ps.setObject(4, subscriptionId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("delivery retry: " + e.getSQLState(), e);
        }
    }

    /** The state of the partner's endpoints that were ever tried. */
    public List<Endpoint> endpoints(String partnerId) {
        List<Endpoint> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT subscription_id, failing_since, disabled_at, disabled_reason FROM webhook_endpoint
                WHERE partner_id = ? ORDER BY subscription_id""")) {
            ps.setString(1, partnerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Endpoint((UUID) rs.getObject(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("webhook endpoints: " + e.getSQLState(), e);
        }
        return out;
    }

    /**
     * Delivers to a disabled endpoint again (its partner fixed it): new events go to it from now
     * on and its failing clock starts anew; what ended while it was disabled stays ended (each
     * can be retried). The caller checked that the subscription is the partner's.
     */
    public void enable(String partnerId, UUID subscriptionId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE webhook_endpoint SET disabled_at = NULL, disabled_reason = NULL, failing_since = NULL
                WHERE subscription_id = ? AND partner_id = ?""")) {
            ps.setObject(1, subscriptionId);
            ps.setString(2, partnerId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("webhook endpoint enable: " + e.getSQLState(), e);
        }
    }

    /** A signed {@code webhook.ping} to one subscription (the caller checked that it is the partner's); answers the delivery id. */
    public UUID ping(String partnerId, UUID subscriptionId) {
        UUID event = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        Instant now = Instant.now();
        String body = "{\"type\":\"webhook.ping\",\"timestamp\":\"" + now + "\",\"data\":{\"subscriptionId\":\"" + subscriptionId + "\"}}";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement e = c.prepareStatement("""
                    INSERT INTO webhook_event (id, partner_id, type, ordering_key, payload, received_at, fanned_out_at)
                    VALUES (?, ?, 'webhook.ping', ?, ?, ?, ?)""");
                 PreparedStatement d = c.prepareStatement("""
                    INSERT INTO webhook_delivery (id, event_id, subscription_id, partner_id, ordering_key, type, status, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, 'webhook.ping', 'PENDING', ?, ?)""")) {
                e.setObject(1, event);
                e.setString(2, partnerId);
                e.setString(3, "ping:" + event);
                e.setString(4, body);
                e.setTimestamp(5, Timestamp.from(now));
                e.setTimestamp(6, Timestamp.from(now));
                e.executeUpdate();
                d.setObject(1, delivery);
                d.setObject(2, event);
                d.setObject(3, subscriptionId);
                d.setString(4, partnerId);
                d.setString(5, "ping:" + event);
                d.setTimestamp(6, Timestamp.from(now));
                d.setTimestamp(7, Timestamp.from(now));
                d.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException x) {
                c.rollback();
                throw x;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ping: " + e.getSQLState(), e);
        }
        return delivery;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

}
