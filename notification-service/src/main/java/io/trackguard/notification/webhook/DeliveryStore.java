package io.trackguard.notification.webhook;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The webhook tables: events received, deliveries (one per event and matching subscription,
 * its id the webhook-id of every attempt), attempts, endpoint states. Each method is one short
 * transaction of its own (JDBC), like the notices' outbox, whose statements PostgreSQL bounds
 * ({@link #tx}).
 */
@ApplicationScoped
@Startup // its bounds are checked when the service starts, not at the first delivery
public class DeliveryStore {

    private static final Logger LOG = Logger.getLogger(DeliveryStore.class);

    /** The advisory lock key of the fan-out (one replica at a time keeps the arrival order). */
    private static final long FAN_OUT_LOCK = 0x7467_7768_6661_6e6fL;

    /** An event waiting for its deliveries to be written. */
    public record Event(UUID id, String partnerId, String type, String orderingKey) {
    }

    /** A delivery claimed for one attempt. */
    public record Claimed(UUID id, UUID subscriptionId, String partnerId, String type, String payload, int attempts) {
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * A statement of the store that failed: the operation, the SQLState (57014 cancelled by
     * statement_timeout, 55P03 by lock_timeout, 08* the connection lost) and how long the
     * transaction had taken, connection included. The SQLException is its cause.
     */
    public static final class Failed extends IllegalStateException {
        private final String operation;
        private final String sqlState;
        private final long millis;

        Failed(String operation, String sqlState, long millis, SQLException cause) {
            super("webhook store: " + operation + " failed after " + millis + " ms (SQLState " + sqlState + ")", cause);
            this.operation = operation;
            this.sqlState = sqlState;
            this.millis = millis;
        }

        public String operation() {
            return operation;
        }

        public String sqlState() {
            return sqlState;
        }

        public long millis() {
            return millis;
        }
    }

    private final AgroalDataSource dataSource;
    private final String statementTimeout;
    private final String lockTimeout;

    public DeliveryStore(AgroalDataSource dataSource, WebhookConfig config,
                         @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout")
                         Optional<Integer> socketTimeoutSeconds) {
        Duration statement = config.storeStatementTimeout();
        Duration socket = Duration.ofSeconds(socketTimeoutSeconds.orElse(0));
        // zero is "no bound" to PostgreSQL and to pgjdbc alike; the server's bound must come first
        if (statement.isZero() || statement.isNegative() || config.storeLockTimeout().isZero() || config.storeLockTimeout().isNegative()
                || (!socket.isZero() && statement.compareTo(socket) >= 0)) {
            throw new IllegalStateException("trackguard.webhooks.store-statement-timeout (" + statement + ") and store-lock-timeout ("
                    + config.storeLockTimeout() + ") must be above zero and the statement timeout below the JDBC socketTimeout ("
                    + socket + "): otherwise a slow statement is cut by the socket, and the connection with it");
        }
        this.dataSource = dataSource;
        this.statementTimeout = Long.toString(config.storeStatementTimeout().toMillis());
        this.lockTimeout = Long.toString(config.storeLockTimeout().toMillis());
    }

    /**
     * Runs one operation as a transaction of its own, each statement bounded by PostgreSQL itself
     * (statement_timeout, lock_timeout, for this transaction only): a statement that runs or waits
     * too long is cancelled by the server and the connection goes back to the pool, long before the
     * JDBC socketTimeout would close it with the statement still running on the server. A failure is
     * logged with the operation, the SQLState and the time it took, never with what the rows hold.
     */
    private <T> T tx(String operation, Work<T> work) {
        long started = System.nanoTime();
        String step = "getting a connection";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                step = "its statements";
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)")) {
                    ps.setString(1, statementTimeout);
                    ps.setString(2, lockTimeout);
                    ps.executeQuery().close();
                }
                T result = work.run(c);
                step = "its commit";
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r); // a connection lost mid-statement fails its rollback too: keep the first cause
                }
                throw e;
            }
        } catch (SQLException e) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.warnf("webhook store: %s failed after %d ms in %s: SQLState %s (%s)", operation, millis, step, e.getSQLState(), meaning(e));
            throw new Failed(operation, e.getSQLState(), millis, e);
        }
    }

    /** What a failure means, without the driver's message (it may quote a row's values). */
    private static String meaning(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (state.equals("57014")) {
            return "cancelled by the server: statement_timeout";
        }
        if (state.equals("55P03")) {
            return "cancelled by the server: lock_timeout";
        }
        if (state.equals("40P01")) {
            return "deadlock";
        }
        if (state.startsWith("08")) {
            Throwable cause = e.getCause();
            return "the connection was lost" + (cause == null ? "" : ": " + cause.getClass().getSimpleName());
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Records an event of the stream once, with its entry id (its place in the stream's order):
     * the same id again (a republished stream entry) changes nothing.
     */
    public boolean accept(UUID id, String partnerId, String type, String orderingKey, String payload, StreamPosition entry) {
        return tx("accept", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO webhook_event (id, partner_id, type, ordering_key, payload, received_at, stream_ms, stream_seq)
                    VALUES (?, ?, ?, ?, ?, clock_timestamp(), ?, ?) ON CONFLICT (id) DO NOTHING""")) {
                ps.setObject(1, id);
                ps.setString(2, partnerId);
                ps.setString(3, type);
                ps.setString(4, orderingKey);
                ps.setString(5, payload);
                ps.setLong(6, entry.ms());
                ps.setLong(7, entry.seq());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The highest stream entry recorded so far (see {@link RecordedStream}). */
    public Optional<StreamPosition> highestRecordedStreamEntry() {
        return tx("highest recorded stream entry", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT stream_ms, stream_seq FROM webhook_event WHERE stream_ms IS NOT NULL
                    ORDER BY stream_ms DESC, stream_seq DESC LIMIT 1""");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StreamPosition(rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        });
    }

    /**
     * Events whose deliveries are not written yet: those of the stream below {@code streamBound}
     * in the stream's order (the order tracking-service published them), others (incident
     * notices) in the order they arrived, first.
     */
    public List<Event> toFanOut(int limit, StreamPosition streamBound) {
        return tx("to fan out", c -> {
            List<Event> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, partner_id, type, ordering_key FROM webhook_event
                    WHERE fanned_out_at IS NULL AND (stream_ms IS NULL OR (stream_ms, stream_seq) < (?, ?))
                    ORDER BY stream_ms NULLS FIRST, stream_seq, received_at, id LIMIT ?""")) {
                ps.setLong(1, streamBound.ms());
                ps.setLong(2, streamBound.seq());
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Event((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Writes one delivery per subscription (none for an endpoint disabled here) and marks the event
     * fanned out; false when another replica holds the fan-out.
     */
    public boolean fanOut(Event event, List<Subscriptions.Subscription> subscriptions) {
        return tx("fan-out", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, FAN_OUT_LOCK);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO webhook_delivery (id, event_id, subscription_id, partner_id, ordering_key, type, status,
                                                  next_attempt_at, created_at)
                    SELECT ?, ?, ?, ?, ?, ?, 'PENDING', clock_timestamp(), clock_timestamp()
                    WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoint p WHERE p.subscription_id = ? AND p.disabled_at IS NOT NULL)
                    ON CONFLICT (event_id, subscription_id) DO NOTHING""")) {
                for (Subscriptions.Subscription s : subscriptions) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, event.id());
                    ps.setObject(3, s.id());
                    ps.setString(4, event.partnerId());
                    ps.setString(5, event.orderingKey());
                    ps.setString(6, event.type());
                    ps.setObject(7, s.id());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_event SET fanned_out_at = clock_timestamp() WHERE id = ?")) {
                ps.setObject(1, event.id());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /**
     * Claims due deliveries, oldest first, for one attempt each: never one whose shipment has an
     * earlier delivery to the same endpoint still waiting (the order per shipment holds), and
     * deliveries left SENDING by a sender that died (their lease ran out) again, under the same id.
     */
    public List<Claimed> claim(int limit, Duration lease) {
        return tx("claim", c -> {
            List<Claimed> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH due AS (
                        SELECT d.id FROM webhook_delivery d
                        WHERE ((d.status = 'PENDING' AND d.next_attempt_at <= clock_timestamp())
                               OR (d.status = 'SENDING' AND d.lease_until < clock_timestamp()))
                          AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                                          WHERE e.subscription_id = d.subscription_id AND e.ordering_key = d.ordering_key
                                            AND e.seq < d.seq AND e.status IN ('PENDING', 'SENDING'))
                        ORDER BY d.seq LIMIT ? FOR UPDATE SKIP LOCKED)
                    UPDATE webhook_delivery d SET status = 'SENDING', lease_until = clock_timestamp() + ?::interval
                    FROM due, webhook_event ev WHERE d.id = due.id AND ev.id = d.event_id
                    RETURNING d.id, d.subscription_id, d.partner_id, d.type, ev.payload, d.attempts, d.seq""")) {
                ps.setInt(1, limit);
                ps.setString(2, lease.toMillis() + " milliseconds");
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {new Claimed((UUID) rs.getObject(1), (UUID) rs.getObject(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6)), rs.getLong(7)});
                    }
                }
                rows.sort((a, b) -> Long.compare((Long) a[1], (Long) b[1]));
                rows.forEach(r -> out.add((Claimed) r[0]));
            }
            return out;
        });
    }

    /**
     * Records an attempt and what follows: delivered, another attempt at {@code next}, or given
     * up (next empty). Answers since when the endpoint has been failing (empty once it succeeded).
     */
    public Optional<Instant> attempted(Claimed d, Instant at, WebhookClient.Outcome outcome, long millis, Optional<Instant> next) {
        return tx("attempted", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO webhook_attempt (delivery_id, n, attempted_at, status_code, error, duration_ms)
                    VALUES (?, (SELECT coalesce(max(n), 0) + 1 FROM webhook_attempt WHERE delivery_id = ?), ?, ?, ?, ?)""")) {
                ps.setObject(1, d.id());
                ps.setObject(2, d.id());
                ps.setTimestamp(3, Timestamp.from(at));
                setInt(ps, 4, outcome.status());
                ps.setString(5, clip(outcome.error()));
                ps.setInt(6, (int) Math.min(millis, Integer.MAX_VALUE));
                ps.executeUpdate();
            }
            String status = outcome.success() ? "DELIVERED" : next.isPresent() ? "PENDING" : "FAILED";
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, lease_until = NULL,
                           next_attempt_at = coalesce(?, next_attempt_at), last_status_code = ?, last_error = ?,
                           delivered_at = ?
                    WHERE id = ?""")) {
                ps.setString(1, status);
                ps.setTimestamp(2, next.map(Timestamp::from).orElse(null));
                setInt(ps, 3, outcome.status());
                ps.setString(4, clip(outcome.error()));
                ps.setTimestamp(5, outcome.success() ? Timestamp.from(at) : null);
                ps.setObject(6, d.id());
                ps.executeUpdate();
            }
            String endpoint = outcome.success()
                    ? """
                      INSERT INTO webhook_endpoint (subscription_id, partner_id, failing_since) VALUES (?, ?, NULL)
                      ON CONFLICT (subscription_id) DO UPDATE SET failing_since = NULL
                      RETURNING failing_since"""
                    : """
                      INSERT INTO webhook_endpoint (subscription_id, partner_id, failing_since) VALUES (?, ?, ?)
                      ON CONFLICT (subscription_id) DO UPDATE SET failing_since = coalesce(webhook_endpoint.failing_since, EXCLUDED.failing_since)
                      RETURNING failing_since""";
            try (PreparedStatement ps = c.prepareStatement(endpoint)) {
                ps.setObject(1, d.subscriptionId());
                ps.setString(2, d.partnerId());
                if (!outcome.success()) {
                    ps.setTimestamp(3, Timestamp.from(at));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp since = rs.getTimestamp(1);
                    return Optional.ofNullable(since).map(Timestamp::toInstant);
                }
            }
        });
    }

    /** Ends a claimed delivery without an attempt (its subscription is gone). */
    public void abandon(Claimed d, String why) {
        tx("abandon", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE webhook_delivery SET status = 'FAILED', lease_until = NULL, last_error = ? WHERE id = ?")) {
                ps.setString(1, clip(why));
                ps.setObject(2, d.id());
                return ps.executeUpdate();
            }
        });
    }

    /** Puts a claimed delivery back without using an attempt (what it needs to be sent is away for now). */
    public void release(Claimed d, Instant next, String why) {
        tx("release", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE webhook_delivery SET status = 'PENDING', lease_until = NULL, next_attempt_at = ?, last_error = ?
                    WHERE id = ?""")) {
                ps.setTimestamp(1, Timestamp.from(next));
                ps.setString(2, clip(why));
                ps.setObject(3, d.id());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Disables an endpoint here (410, or failing too long): its waiting deliveries end and no new
     * ones are written. Answers whether it was enabled until now.
     */
    public boolean disable(UUID subscriptionId, String partnerId, String reason) {
        return tx("disable", c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO webhook_endpoint (subscription_id, partner_id, disabled_at, disabled_reason)
                    VALUES (?, ?, clock_timestamp(), ?)
                    ON CONFLICT (subscription_id) DO UPDATE SET disabled_at = clock_timestamp(), disabled_reason = EXCLUDED.disabled_reason
                    WHERE webhook_endpoint.disabled_at IS NULL""")) {
                ps.setObject(1, subscriptionId);
                ps.setString(2, partnerId);
                ps.setString(3, clip(reason));
                changed = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE webhook_delivery SET status = 'FAILED', lease_until = NULL, last_error = ?
                    WHERE subscription_id = ? AND status IN ('PENDING', 'SENDING')""")) {
                ps.setString(1, clip("endpoint disabled: " + reason));
                ps.setObject(2, subscriptionId);
                ps.executeUpdate();
            }
            return changed == 1;
        });
    }

    private static void setInt(PreparedStatement ps, int i, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, value);
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300);
    }
}
