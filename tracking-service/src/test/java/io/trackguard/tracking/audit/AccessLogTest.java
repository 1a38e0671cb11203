package io.trackguard.tracking.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.AccessRecords;
import io.trackguard.tracking.support.Clients;
import io.trackguard.tracking.support.Relayed;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessLogTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessRecords records;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    AgroalDataSource appDataSource;

    @Test
    void aPublicLookupIsRecordedWithThePseudonymTheFieldsAndTheRequestId() throws Exception {
        String number = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        String address = Clients.freshAddress();
        Response r = Clients.from(address).get("/api/v1/track/" + number);
        assertEquals(200, r.statusCode());
        String actor = pseudonyms.address(InetAddress.getByName(address));

        List<Map<String, Object>> rows = records.where("actor_id", actor);
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals("PUBLIC", row.get("actor_kind"));
        assertEquals("DISCLOSED", row.get("outcome"));
        assertEquals("PUBLIC", row.get("tier"));
        assertEquals(List.of("trackingNumber", "status", "destination.province", "expectedDeliveryDate",
                "deliveredOn", "events"), row.get("fields"));
        assertEquals(r.header("X-Request-Id"), row.get("request_id"));
        assertEquals(pseudonyms.trackingNumber(number), row.get("number_hash"));
        assertEquals("acme", row.get("partner_id"));
        assertFalse(row.toString().contains(address), "no raw address is stored");
        assertFalse(row.toString().contains(number), "the tracking number itself is not needed: shipment id and hash are");
    }

    @Test
    void missesAndMalformedNumbersAreRecordedToo() throws Exception {
        String address = Clients.freshAddress();
        String unknown = ShipmentFixtures.unknownNumber();
        Clients.from(address).get("/api/v1/track/" + unknown).then().statusCode(404);
        Clients.from(address).get("/api/v1/track/ORD-12345").then().statusCode(400);
        List<Map<String, Object>> rows = records.where("actor_id", pseudonyms.address(InetAddress.getByName(address)));
        assertEquals(List.of("NOT_FOUND", "INVALID"), rows.stream().map(m -> m.get("outcome")).toList());
        assertEquals(pseudonyms.trackingNumber(unknown), rows.get(0).get("number_hash"));
        assertEquals(List.of(), rows.get(0).get("fields"));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void aPartnerReadIsRecordedAtThePartnerTier() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Relayed.as("acme").get("/api/v1/shipments/" + number).then().statusCode(200);
        List<Map<String, Object>> rows = records.where("number_hash", pseudonyms.trackingNumber(number));
        Map<String, Object> read = rows.get(rows.size() - 1);
        assertEquals("client:partner-acme", read.get("actor_id"));
        assertEquals("PARTNER", read.get("tier"));
        assertTrue(((List<?>) read.get("fields")).contains("recipient.name"));
    }

    @Test
    void theApplicationRoleCanNeitherChangeNorDeleteRecords() throws Exception {
        Clients.fresh().get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(404);
        records.where("outcome", "NOT_FOUND");
        try (Connection c = appDataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("UPDATE access_record SET outcome = 'DISCLOSED'", "DELETE FROM access_record",
                    "TRUNCATE access_record", "DROP TABLE access_record_default")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(e.getMessage().contains("permission denied") || e.getMessage().contains("must be owner"), e.getMessage());
            }
        }
    }
}
