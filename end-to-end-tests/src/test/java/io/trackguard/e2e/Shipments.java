package io.trackguard.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** Shipments as partners send them, and the scans operations post. */
final class Shipments {

    private Shipments() {
    }

    static Map<String, Object> body(String reference) {
        return Map.of(
                "orderReference", reference,
                "recipient", Map.of("name", "Jane Roe", "email", "jane.roe@example.com", "phone", "+1 416 555 0100"),
                "destination", Map.of("line1", "1 King St W", "city", "Toronto", "province", "ON", "postalCode", "M5H 1A1"),
                "productCategory", "cannabis",
                "expectedDeliveryDate", LocalDate.now().plusDays(3).toString());
    }

    /** Creates a shipment through partner-gateway; returns its tracking number. */
    static String createThroughGateway(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body("ORD-" + UUID.randomUUID()))
                .post(Stack.GATEWAY + "/api/v1/shipments")
                .then().statusCode(201).extract().path("trackingNumber");
    }

    static void scan(String number, String type, Instant at, String city, String signer) {
        Map<String, Object> scan = new java.util.HashMap<>(Map.of("type", type, "occurredAt", at.toString()));
        if (city != null) {
            scan.put("facility", Map.of("city", city, "province", "ON"));
        }
        if (signer != null) {
            scan.put("signerName", signer);
        }
        given().auth().oauth2(Tokens.operations()).contentType(ContentType.JSON).body(scan)
                .post(Stack.TRACKING + "/api/v1/shipments/" + number + "/events")
                .then().statusCode(201);
    }

    /** Accepted, in transit, out for delivery, delivered and signed for by "J. Roe". */
    static void deliver(String number) {
        Instant t = Instant.now().minusSeconds(7200);
        scan(number, "ACCEPTED", t, "Mississauga", null);
        scan(number, "IN_TRANSIT", t.plusSeconds(900), "Toronto", null);
        scan(number, "OUT_FOR_DELIVERY", t.plusSeconds(1800), "Toronto", null);
        scan(number, "DELIVERED", t.plusSeconds(2700), null, "J. Roe");
    }
}
