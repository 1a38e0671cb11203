package io.trackguard.notification.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.notification.support.Db;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.Receiver;
import io.trackguard.notification.support.StandIns;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A statement of the webhook store that waits or runs long is cancelled by PostgreSQL itself
 * (statement_timeout, lock_timeout set per transaction), well before the JDBC socketTimeout: the
 * pass is skipped, the connection stays usable, nothing is left running on the server, the
 * delivery is neither lost nor left claimed, and it goes at the next pass. Without the bounds,
 * the socket timeout cut the connection after 10 s while the statement ran on (the CI failure:
 * "This connection has been closed" in the service, "could not send data to client: Broken pipe"
 * in PostgreSQL). The store's own settings are used, not shortened ones.
 */
@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Receiver.class, restrictToAnnotatedClass = true)
class WebhookStoreBoundsTest {

    /** Generous on purpose: the test JVM shares 2 cores with the service and other builds. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("a test's own 32-byte signing key".getBytes());

    @Inject
    WebhookSender sender;
    @Inject
    DeliveryLog log;
    @Inject
    WebhookConfig config;
    @Inject
    Scheduler scheduler;
    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout")
    int socketTimeoutSeconds;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final List<String> storeLog = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            storeLog.add(r instanceof ExtLogRecord x ? x.getFormattedMessage() : r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void pauseBackgroundJobsAndListen() {
        scheduler.pause(ShipmentEventConsumer.JOB);
        scheduler.pause(WebhookSender.JOB);
        Logger.getLogger(DeliveryStore.class.getName()).addHandler(capture);
        settle(); // nothing of other tests is left to fan out: a pass reaches the claim at once
        storeLog.clear();
    }

    @AfterEach
    void resumeBackgroundJobs() {
        Logger.getLogger(DeliveryStore.class.getName()).removeHandler(capture);
        scheduler.resume(ShipmentEventConsumer.JOB);
        scheduler.resume(WebhookSender.JOB);
    }

    @Test
    void aClaimWaitingBehindATableLockIsCancelledByPostgresqlAndTheDeliveryGoesAtTheNextPass() throws Exception {
        String partner = "wh-locked-" + UUID.randomUUID().toString().substring(0, 8);
        UUID subscription = UUID.randomUUID();
        StandIns.subscription(partner, subscription, Receiver.url("/locked"), List.of(), SECRET, null);
        UUID delivery = log.ping(partner, subscription);

        long millis;
        try (Connection holder = DriverManager.getConnection(url, user, password)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                // what CREATE INDEX or a maintenance job's LOCK TABLE holds: every writer of the table waits behind it
                s.execute("LOCK TABLE webhook_delivery IN SHARE MODE");
            }
            long started = System.nanoTime();
            int attempts = sender.drain();
            millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(0, attempts, "nothing could be claimed");
            assertEquals(0L, Db.count("SELECT count(*) FROM pg_locks WHERE relation = 'webhook_delivery'::regclass AND NOT granted"),
                    "the server gave up the wait: no statement of the service is left queued behind the lock");
            holder.rollback();
        }
        assertWithin(config.storeLockTimeout(), millis);
        String line = storeLine("claim");
        assertTrue(line.contains("SQLState 55P03") && line.contains("lock_timeout"), line);
        assertFalse(line.contains(partner) || line.contains(delivery.toString()) || line.contains("webhook.ping"), "no row's data: " + line);

        assertEquals(Map.of("status", "PENDING", "attempts", 0), state(delivery), "neither lost nor left claimed, no attempt used");
        settle();
        assertDeliveredOnce("/locked", delivery);
    }

    @Test
    void aClaimRunningPastTheSocketTimeoutOnTheServerIsCancelledByPostgresqlFirstAndTheConnectionStays() throws Exception {
        String partner = "wh-slow-" + UUID.randomUUID().toString().substring(0, 8);
        UUID subscription = UUID.randomUUID();
        StandIns.subscription(partner, subscription, Receiver.url("/slow"), List.of(), SECRET, null);
        UUID delivery = log.ping(partner, subscription);

        long millis;
        int attempts;
        // the claim's UPDATE of this partner's row takes longer on the server than the socket timeout (what a stalled
        // server does, without any lock): a trigger that sleeps, for this test's partner only
        try (Connection ddl = DriverManager.getConnection(url, user, password); Statement s = ddl.createStatement()) {
            s.execute("CREATE FUNCTION tg_test_slow_claim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep("
                    + (socketTimeoutSeconds + 2) + "); RETURN NEW; END $$");
            s.execute("CREATE TRIGGER tg_test_slow_claim BEFORE UPDATE ON webhook_delivery FOR EACH ROW WHEN (NEW.partner_id = '"
                    + partner + "' AND NEW.status = 'SENDING') EXECUTE FUNCTION tg_test_slow_claim()");
            try {
                long started = System.nanoTime();
                attempts = sender.drain();
                millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(0L, Db.count("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND state = 'active' AND query LIKE '%SKIP LOCKED%' AND pid <> pg_backend_pid()"""),
                        "the server stopped the statement: it does not run on after the service gave up");
            } finally {
                s.execute("DROP TRIGGER tg_test_slow_claim ON webhook_delivery");
                s.execute("DROP FUNCTION tg_test_slow_claim()");
            }
        }
        assertEquals(0, attempts, "nothing could be claimed");
        assertWithin(config.storeStatementTimeout(), millis);
        String line = storeLine("claim");
        assertTrue(line.contains("SQLState 57014") && line.contains("statement_timeout"), line);
        assertFalse(line.contains("connection was lost"), line);

        assertEquals(Map.of("status", "PENDING", "attempts", 0), state(delivery), "neither lost nor left claimed, no attempt used");
        settle();
        assertDeliveredOnce("/slow", delivery);
    }

    /** Within the bound and its margin, and in any case before the socket timeout would have cut the connection. */
    private void assertWithin(Duration bound, long millis) {
        assertTrue(millis >= bound.toMillis() - 100, "waited for the bound, not failed at once: " + millis + " ms");
        assertTrue(millis < bound.plus(MARGIN).toMillis(), "given up within " + bound + " and the margin: " + millis + " ms");
        assertTrue(millis < socketTimeoutSeconds * 1000L, "before the socket timeout: " + millis + " ms");
    }

    private String storeLine(String operation) {
        return storeLog.stream().filter(l -> l.startsWith("webhook store: " + operation + " failed")).findFirst()
                .orElseThrow(() -> new AssertionError("no failure of the " + operation + " logged: " + storeLog));
    }

    private static Map<String, Object> state(UUID delivery) {
        Map<String, Object> row = Db.rows("SELECT status, attempts FROM webhook_delivery WHERE id = ?", delivery).get(0);
        return Map.of("status", row.get("status"), "attempts", row.get("attempts"));
    }

    private static void assertDeliveredOnce(String path, UUID delivery) {
        List<Receiver.Request> got = Receiver.at(path);
        assertEquals(1, got.size(), "delivered once at the next pass");
        assertEquals(delivery.toString(), got.get(0).header("webhook-id"));
        assertEquals(Map.of("status", "DELIVERED", "attempts", 1), state(delivery));
    }

    private void settle() {
        while (sender.drain() < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
