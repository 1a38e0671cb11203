package io.trackguard.tracking.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The audit log's retention belongs to the database: the application role (the service's
 * own connection) can only ask for what is past 24 months to be dropped, and the owner
 * itself cannot change or delete a record.
 */
@QuarkusTest
class AuditRetentionTest {

    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM");

    @Inject
    AuditPartitions partitions;
    @Inject
    AgroalDataSource appDataSource;

    @Test
    void onlyMonthsPastTheRetentionAreDroppedAndTheCurrentOnesKept() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = today.minusMonths(30);
        LocalDate young = today.minusMonths(23);
        assertTrue(partitions.ensure(old), "a partition for a month 30 months ago");
        assertFalse(partitions.ensure(old), "ensure is idempotent");
        partitions.ensure(young);

        assertTrue(partitions.dropExpired() >= 1);
        assertTrue(partitions.ensure(old), "the 30-month-old month was dropped, so it can be made again");
        assertFalse(partitions.ensure(young), "23 months is inside the retention: kept");
        assertFalse(partitions.ensure(today), "the current month is kept");
        partitions.dropExpired();
    }

    @Test
    void theApplicationRoleCannotChooseTheCutoffNorDropOrDetachAPartition() throws Exception {
        LocalDate young = LocalDate.now(ZoneOffset.UTC).minusMonths(23);
        partitions.ensure(young);
        String partition = "access_record_" + young.format(MONTH);
        try (Connection c = appDataSource.getConnection(); Statement s = c.createStatement()) {
            assertEquals("tracking_app", scalar(s, "SELECT current_user"));
            for (String sql : List.of(
                    "SELECT access_record_drop_partitions_before(now())",
                    "SELECT access_record_drop_expired_partitions(now())",
                    "DROP TABLE " + partition,
                    "ALTER TABLE access_record DETACH PARTITION " + partition,
                    "TRUNCATE " + partition)) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(e.getMessage().contains("does not exist") || e.getMessage().contains("must be owner")
                        || e.getMessage().contains("permission denied"), sql + ": " + e.getMessage());
            }
            assertEquals(0L, ((Number) scalar(s, "SELECT access_record_drop_expired_partitions()")).longValue(),
                    "what it may call drops nothing inside the retention");
            assertEquals(partition, scalar(s, "SELECT to_regclass('" + partition + "')::text"), "the 23-month-old month is still there");
        }
    }

    @Test
    void theAppendOnlyTriggerRefusesEvenTheOwner() throws Exception {
        Clients.fresh().get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(404);
        String partition = "access_record_" + LocalDate.now(ZoneOffset.UTC).format(MONTH);
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            assertEquals("tracking", scalar(s, "SELECT current_user"), "the owner: grants allow it everything");
            s.execute("INSERT INTO access_record (occurred_at, actor_kind, actor_id, outcome) VALUES (now(), 'PUBLIC', 'ip:owner-test', 'NOT_FOUND')");
            long before = ((Number) scalar(s, "SELECT count(*) FROM access_record")).longValue();
            for (String sql : List.of(
                    "UPDATE access_record SET outcome = 'DISCLOSED' WHERE actor_id = 'ip:owner-test'",
                    "DELETE FROM access_record WHERE actor_id = 'ip:owner-test'",
                    "UPDATE " + partition + " SET reason = 'changed'",
                    "DELETE FROM " + partition,
                    "TRUNCATE access_record",
                    "TRUNCATE " + partition)) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(e.getMessage().contains("access_record is append-only"), sql + ": " + e.getMessage());
            }
            assertEquals(before, ((Number) scalar(s, "SELECT count(*) FROM access_record")).longValue());
            assertEquals("NOT_FOUND", scalar(s, "SELECT outcome FROM access_record WHERE actor_id = 'ip:owner-test'"));
        }
    }

    /** The owner of the schema, as the migrations connect. */
    private static Connection ownerConnection() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class), config.getValue("quarkus.flyway.password", String.class));
    }

    private static Object scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
