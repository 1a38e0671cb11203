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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrackResourceTest {

    /** The public column of the disclosure table, as JSON keys. */
    static final Set<String> PUBLIC_KEYS = Set.of("trackingNumber", "status", "expectedDeliveryDate", "deliveredOn",
            "destination", "events");
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
        assertFalse(view.containsKey("sender"), "no partner's name is public, sensitive or not");
        // a scan on the way shows its facility's city; out for delivery is in the recipient's city: province only
        assertEquals(Map.of("type", "IN_TRANSIT", "city", "Toronto", "province", "ON"), place(events.get(1)));
        assertEquals("OUT_FOR_DELIVERY", events.get(2).get("type"));
        assertFalse(events.get(2).containsKey("facilityCity"), "last-mile city: " + events.get(2));
        assertEquals("ON", events.get(2).get("facilityProvince"));
        // the delivery scan shows a date, never a time, to the public
        Map<String, Object> delivered = events.get(3);
        assertEquals("DELIVERED", delivered.get("type"));
        assertFalse(delivered.containsKey("occurredAt"));
        assertTrue(delivered.containsKey("occurredOn"));
        for (String secret : List.of("J. Roe", "Jane Roe", "jane.roe@example.com", "M5H", "1 King St", "Toronto\",\"province", "cannabis", "REF-", "acme\"")) {
            assertFalse(body.contains(secret), "public view leaks " + secret + ": " + body);
        }
    }

    static Map<String, Object> place(Map<String, Object> event) {
        return Map.of("type", event.get("type"), "city", String.valueOf(event.get("facilityCity")),
                "province", String.valueOf(event.get("facilityProvince")));
    }

    @Test
    void thePublicViewHasTheSameShapeWhateverThePartner() {
        String sensitive = fixtures.createDelivered(ShipmentFixtures.SENSITIVE_PARTNER);
        String ordinary = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        Map<String, Object> a = comparable(Clients.fresh().get("/api/v1/track/" + sensitive).then().statusCode(200).extract().asString());
        Map<String, Object> b = comparable(Clients.fresh().get("/api/v1/track/" + ordinary).then().statusCode(200).extract().asString());
        assertEquals(b, a, "the same shipment history must read the same whoever the partner is");

        // the page too: the same facts listed, and no partner named
        String pageA = Clients.fresh().get("/track?number=" + sensitive).then().statusCode(200).extract().asString();
        String pageB = Clients.fresh().get("/track?number=" + ordinary).then().statusCode(200).extract().asString();
        assertEquals(labels(pageB), labels(pageA));
        for (String name : List.of(ShipmentFixtures.SENSITIVE_PARTNER_NAME, ShipmentFixtures.OTHER_PARTNER_NAME)) {
            assertFalse(pageA.contains(name) || pageB.contains(name), name);
        }
    }

    /** The JSON without what differs between two shipments anyway: their number and the instants of their scans. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> comparable(String body) {
        Map<String, Object> view = new HashMap<>(JsonPath.from(body).getMap("$"));
        view.remove("trackingNumber");
        view.put("events", ((List<Map<String, Object>>) view.get("events")).stream()
                .map(e -> {
                    Map<String, Object> copy = new HashMap<>(e);
                    copy.computeIfPresent("occurredAt", (k, v) -> "an instant");
                    return copy;
                }).toList());
        return view;
    }

    private static List<String> labels(String html) {
        return Pattern.compile("<dt>([^<]*)</dt>").matcher(html).results().map(m -> m.group(1)).toList();
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
