package io.trackguard.tracking.track;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrackResourceTest {

    /** The public column of the disclosure table, as JSON keys. */
    static final Set<String> PUBLIC_KEYS = Set.of("trackingNumber", "status", "expectedDeliveryDate", "deliveredOn",
            "destination", "sender", "events");
    static final Set<String> PUBLIC_EVENT_KEYS = Set.of("type", "occurredAt", "occurredOn", "facilityCity", "facilityProvince");

    @Inject
    ShipmentFixtures fixtures;

    @Test
    void thePublicViewCarriesOnlyThePublicColumn() {
        String number = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        String body = Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200).extract().asString();
        JsonPath json = JsonPath.from(body);
        Map<String, Object> view = json.getMap("$");
        assertTrue(PUBLIC_KEYS.containsAll(view.keySet()), "unexpected keys: " + view.keySet());
        List<Map<String, Object>> events = json.getList("events");
        assertEquals(4, events.size());
        events.forEach(e -> assertTrue(PUBLIC_EVENT_KEYS.containsAll(e.keySet()), "unexpected event keys: " + e.keySet()));

        assertEquals("DELIVERED", json.getString("status"));
        assertEquals(Map.of("province", "ON"), json.getMap("destination"));
        assertEquals(ShipmentFixtures.OTHER_PARTNER_NAME, json.getString("sender"));
        // the delivery scan shows a date, never a time, to the public
        Map<String, Object> delivered = events.get(3);
        assertEquals("DELIVERED", delivered.get("type"));
        assertFalse(delivered.containsKey("occurredAt"));
        assertTrue(delivered.containsKey("occurredOn"));
        for (String secret : List.of("J. Roe", "Jane Roe", "jane.roe@example.com", "M5H", "1 King St", "Toronto\",\"province", "cannabis", "REF-", "acme\"")) {
            assertFalse(body.contains(secret), "public view leaks " + secret + ": " + body);
        }
    }

    @Test
    void aSensitivePartnersNameIsNeverPublic() {
        String number = fixtures.createDelivered(ShipmentFixtures.SENSITIVE_PARTNER);
        String body = Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("events", hasSize(4))
                .extract().asString();
        assertFalse(JsonPath.from(body).getMap("$").containsKey("sender"));
        assertFalse(body.contains("Ontario Cannabis"), body);
        assertFalse(body.contains("cannabis"), body);
    }

    @Test
    void theNumberIsReadCaseInsensitivelyWithSeparators() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        String sloppy = (number.substring(0, 6) + " " + number.substring(6, 12) + "-" + number.substring(12)).toLowerCase();
        Clients.fresh().get("/api/v1/track/" + sloppy).then().statusCode(200).body("status", equalTo("CREATED"));
    }

    @Test
    void anUnknownNumberIs404AndAnOrderReferenceIsNotANumber() {
        Clients.fresh().get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trackguard:problem:shipment-not-found"));
        Clients.fresh().get("/api/v1/track/REF-12345").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trackguard:problem:invalid-tracking-number"));
    }
}
