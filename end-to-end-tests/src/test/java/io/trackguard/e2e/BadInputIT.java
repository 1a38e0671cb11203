package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Untrusted input gets a 4xx problem document from every service: never a 500, never internals. */
@ExtendWith(Stack.class)
class BadInputIT {

    static ValidatableResponse clean4xx(ValidatableResponse r) {
        return r.statusCode(greaterThanOrEqualTo(400)).statusCode(lessThan(500))
                .contentType("application/problem+json")
                .body(not(containsString("Exception"))).body(not(containsString("at io.")));
    }

    @Test
    void malformedAndMistypedTrackingNumbers() {
        for (String bad : List.of("ORD-2026-000123", "0000", "%00", "A".repeat(200), "BWBVQKS7YMXQRRKD6O")) {
            clean4xx(Clients.fresh().get(Stack.TRACKING + "/api/v1/track/" + bad).then()).statusCode(400);
            clean4xx(given().auth().oauth2(Tokens.ocs()).get(Stack.GATEWAY + "/api/v1/shipments/" + bad).then()).statusCode(400);
        }
        String valid = Shipments.createThroughGateway(Tokens.acme());
        clean4xx(Clients.fresh().get(Stack.TRACKING + "/api/v1/track/" + Numbers.mistyped(valid)).then()).statusCode(400)
                .body("type", equalTo("urn:trackguard:problem:mistyped-tracking-number"));
    }

    @Test
    void brokenOversizedAndUnknownBodies() {
        for (String base : List.of(Stack.GATEWAY, Stack.TRACKING)) {
            String url = base + "/api/v1/shipments";
            // a partner at the gateway; at tracking-service, the gateway itself on the partner's behalf
            java.util.function.Supplier<io.restassured.specification.RequestSpecification> ocs =
                    base.equals(Stack.GATEWAY) ? () -> given().auth().oauth2(Tokens.ocs()) : () -> Relayed.as("ocs");
            clean4xx(ocs.get().header("Idempotency-Key", java.util.UUID.randomUUID().toString()).contentType(ContentType.JSON).body("{\"orderReference\": \"x\",").post(url).then())
                    .statusCode(400);
            clean4xx(ocs.get().header("Idempotency-Key", java.util.UUID.randomUUID().toString()).contentType(ContentType.JSON).body("{\"x\":\"" + "a".repeat(300_000) + "\"}").post(url).then())
                    .statusCode(413);
            clean4xx(ocs.get().header("Idempotency-Key", java.util.UUID.randomUUID().toString()).contentType(ContentType.JSON).body("{\"partnerId\":\"acme\",\"orderReference\":\"ORD-X\"}").post(url).then())
                    .statusCode(400).body("errors.field", hasItem("partnerId"));
            clean4xx(ocs.get().header("Idempotency-Key", java.util.UUID.randomUUID().toString()).contentType(ContentType.TEXT).body("hello").post(url).then())
                    .statusCode(415);
            clean4xx(ocs.get().header("Idempotency-Key", java.util.UUID.randomUUID().toString()).contentType(ContentType.JSON).body("{}").post(url).then())
                    .statusCode(400).body("errors.field", hasItem("orderReference"));
        }
    }

    @Test
    void unknownRoutesAndMethods() {
        for (String base : List.of(Stack.GATEWAY, Stack.TRACKING, Stack.NOTIFICATION)) {
            clean4xx(given().get(base + "/no/such/thing").then()).statusCode(404);
        }
        clean4xx(given().delete(Stack.TRACKING + "/api/v1/track/BWBVQKS7YMXQRRKD6N").then()).statusCode(405);
    }
}
