package io.trackguard.notification.notice;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The senders' side of the outbox, in short transactions of their own (autocommit JDBC): claim
 * due notices with FOR UPDATE SKIP LOCKED and a lease, then record each outcome fenced by the
 * claim's lease token, so a sender whose lease ran out (and whose notice another replica took
 * over) changes nothing.
 */
@ApplicationScoped
public class OutboxStore {

    /** A claimed notice: what the sender needs to build and send it. */
    public record Claimed(UUID id, UUID incidentId, String channel, UUID personId, String partnerId, String address, String destination,
                          String language, int attempts, String idempotencyKey, UUID leaseToken) {
    }

    private final AgroalDataSource dataSource;

    public OutboxStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Due notices, and notices whose sender's lease ran out (it crashed mid-delivery), claimed for this replica. */
    public List<Claimed> claim(String replica, int limit, Duration lease) throws SQLException {
        UUID token = UUID.randomUUID();
        List<Claimed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE notice n SET status = 'SENDING', attempts = n.attempts + 1, lease_token = ?, leased_by = ?,
                                    lease_until = now() + ?::interval, updated_at = now()
                FROM (SELECT id FROM notice
                      WHERE (status = 'QUEUED' AND next_attempt_at <= now()) OR (status = 'SENDING' AND lease_until < now())
                      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE n.id = due.id
                RETURNING n.id, n.incident_id, n.channel, n.person_id, n.partner_id, n.address, n.destination, n.language, n.attempts,
                          n.idempotency_key""")) {
            ps.setObject(1, token);
            ps.setString(2, replica);
            ps.setString(3, lease.toMillis() + " milliseconds");
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Claimed((UUID) rs.getObject(1), (UUID) rs.getObject(2), rs.getString(3), (UUID) rs.getObject(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), token));
                }
            }
        }
        return out;
    }

    public boolean sent(Claimed n, String subject) throws SQLException {
        return update(n, "status = 'SENT', sent_at = now(), last_error = NULL, subject = ?", subject);
    }

    /** A failed try with tries left: back in the queue at {@code next}. */
    public boolean retry(Claimed n, Instant next, String error) throws SQLException {
        return update(n, "status = 'QUEUED', next_attempt_at = ?, last_error = ?", Timestamp.from(next), error);
    }

    /** The mail server could not be reached at all: not the notice's fault, so the try is given back. */
    public boolean serverDown(Claimed n, Instant next, String error) throws SQLException {
        return update(n, "status = 'QUEUED', attempts = greatest(attempts - 1, 0), next_attempt_at = ?, last_error = ?",
                Timestamp.from(next), error);
    }

    /** The mail server refused the address for good (5xx): recorded, never tried again. */
    public boolean bounced(Claimed n, String error) throws SQLException {
        return update(n, "status = 'BOUNCED', last_error = ?", error);
    }

    /** The last try failed: dead-lettered, for an officer to see. */
    public boolean dead(Claimed n, String error) throws SQLException {
        return update(n, "status = 'DEAD', last_error = ?", error);
    }

    /** Waiting will not help (no address known): held for an officer, never lost. */
    public boolean held(Claimed n, String reason) throws SQLException {
        return update(n, "status = 'HELD', last_error = ?", reason);
    }

    /** The partner's privacy contact, once looked up. */
    public boolean addressed(Claimed n, String address) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE notice SET address = ?, destination = lower(split_part(?, '@', 2)), updated_at = now() WHERE id = ? AND lease_token = ?")) {
            ps.setString(1, address);
            ps.setString(2, address);
            ps.setObject(3, n.id());
            ps.setObject(4, n.leaseToken());
            return ps.executeUpdate() == 1;
        }
    }

    private boolean update(Claimed n, String set, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE notice SET " + set + ", lease_token = NULL, lease_until = NULL, updated_at = now() "
                        + "WHERE id = ? AND lease_token = ? AND status = 'SENDING'")) {
            int i = 1;
            for (Object v : values) {
                ps.setObject(i++, v instanceof String s ? cut(s, 1000) : v);
            }
            ps.setObject(i++, n.id());
            ps.setObject(i, n.leaseToken());
            return ps.executeUpdate() == 1;
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
