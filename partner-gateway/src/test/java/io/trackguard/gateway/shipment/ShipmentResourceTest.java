package io.trackguard.gateway.shipment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TrackingServiceStandIn.class)
class ShipmentResourceTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        TrackingServiceStandIn.reset();
        breakers.resetAll();
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    static Map<String, Object> shipment() {
        return Map.of("orderReference", "ORD-" + UUID.randomUUID(), "productCategory", "apparel");
    }

    private String createAs(String partner) {
        return as(Tokens.partner(partner)).body(shipment()).post("/api/v1/shipments")
                .then().statusCode(201).extract().path("trackingNumber");
    }

    @Test
    void aCreateIsRelayedWithTheGatewaysOwnIdentityAndThePartnerAsAValue() {
        String token = Tokens.partner("ocs");
        Map<String, Object> shipment = new java.util.HashMap<>(shipment());
        shipment.put("recipient", Map.of("name", "Jane Roe", "language", "fr"));
        as(token).body(shipment).post("/api/v1/shipments").then().statusCode(201)
                .body("recipient.language", equalTo("fr"))
                .header("Location", matchesPattern("http://[^/]+/api/v1/shipments/STANDIN\\w+"))
                .body("partnerId", equalTo("ocs"));
        as(Tokens.partner("acme")).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(404);
        assertEquals(List.of("Bearer " + TrackingServiceStandIn.GATEWAY_TOKEN, "Bearer " + TrackingServiceStandIn.GATEWAY_TOKEN),
                TrackingServiceStandIn.authorizations, "the gateway's own token, never the partner's");
        assertEquals(List.of(List.of("ocs", "partner-ocs", "Ontario Cannabis Retail", "true"),
                List.of("acme", "partner-acme", "Société acme", "false")), TrackingServiceStandIn.relayed,
                "the partner, named from its verified token");
        assertTrue(TrackingServiceStandIn.tokenRequests.get() >= 1);
    }

    @Test
    void aTokenOfAnotherClientCarryingAPartnersIdIsRefused() {
        String stolen = Tokens.fromAnotherClient("ocs");
        as(stolen).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(403).contentType("application/problem+json");
        as(stolen).body(shipment()).post("/api/v1/shipments").then().statusCode(403);
        as(stolen).get("/api/v1/webhooks").then().statusCode(403);
        assertEquals(0, TrackingServiceStandIn.calls.get());
    }

    @Test
    void aRecipientLinkIsMintedOnlyForTheOwnersShipment() {
        String number = createAs("ocs");
        as(Tokens.partner("ocs")).post("/api/v1/shipments/" + number + "/recipient-link").then().statusCode(201)
                .header("Cache-Control", "no-store").header("RateLimit-Policy", notNullValue())
                .body("path", equalTo("/r/t0ken")).body("expiresAt", notNullValue());
        assertEquals(1, TrackingServiceStandIn.linksMinted.get());
        as(Tokens.partner("acme")).post("/api/v1/shipments/" + number + "/recipient-link").then().statusCode(404)
                .body(not(containsString("t0ken")));
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.LEAKING_OTHER_TENANT;
        as(Tokens.partner("acme")).post("/api/v1/shipments/" + number + "/recipient-link").then().statusCode(404);
        assertEquals(1, TrackingServiceStandIn.linksMinted.get(), "nothing is minted for a shipment that is not the caller's");
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.NORMAL;
        as(Tokens.partner("ocs", "shipments:read")).post("/api/v1/shipments/" + number + "/recipient-link").then().statusCode(403);
    }

    @Test
    void aPartnerReadsItsOwnShipmentAndNeverAnothers() {
        String number = createAs("ocs");
        as(Tokens.partner("ocs")).get("/api/v1/shipments/" + number).then().statusCode(200).body("partnerId", equalTo("ocs"));
        as(Tokens.partner("acme")).get("/api/v1/shipments/" + number).then().statusCode(404)
                .contentType("application/problem+json")
                .body(not(containsString("ocs")));
    }

    @Test
    void anAnswerForAnotherTenantIsWithheldEvenIfTrackingServiceGaveIt() {
        String number = createAs("ocs");
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.LEAKING_OTHER_TENANT;
        String body = as(Tokens.partner("acme")).get("/api/v1/shipments/" + number).then().statusCode(404)
                .extract().asString();
        assertTrue(!body.contains("ORD-") && !body.contains("ocs"), body);
    }

    @Test
    void trackingServiceProblemsAreRelayedUnderTheGatewaysRequestId() {
        as(Tokens.partner("ocs")).body(Map.of("productCategory", "apparel")).post("/api/v1/shipments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("orderReference"))
                .body("requestId", not(equalTo("upstream-id")));
    }

    @Test
    void aFailingTrackingServiceGives503AndReadsAreRetriedTwice() {
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.FAILING;
        as(Tokens.partner("ocs")).get("/api/v1/shipments/STANDIN1").then().statusCode(503)
                .header("Retry-After", "5").contentType("application/problem+json");
        assertEquals(3, TrackingServiceStandIn.calls.get(), "one call and two retries");

        TrackingServiceStandIn.calls.set(0);
        as(Tokens.partner("ocs")).body(shipment()).post("/api/v1/shipments").then().statusCode(503)
                .header("Retry-After", "5");
        assertEquals(1, TrackingServiceStandIn.calls.get(), "a create without an idempotency key is never retried");
    }

    @Test
    void aSlowTrackingServiceGives503() {
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.SLOW;
        as(Tokens.partner("ocs")).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(503);
        as(Tokens.partner("ocs")).body(shipment()).post("/api/v1/shipments").then().statusCode(503)
                .header("Retry-After", "5").body("type", equalTo("urn:trackguard:problem:tracking-unavailable"));
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndStopsCallingTrackingService() {
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.FAILING;
        for (int i = 0; i < 10; i++) {
            as(Tokens.partner("ocs")).body(shipment()).post("/api/v1/shipments").then().statusCode(503);
        }
        int before = TrackingServiceStandIn.calls.get();
        as(Tokens.partner("ocs")).body(shipment()).post("/api/v1/shipments").then().statusCode(503);
        assertEquals(before, TrackingServiceStandIn.calls.get(), "an open breaker answers without calling");
    }

    @Test
    void badTokensAre401() {
        String number = "STANDIN1ABCDEFGH";
        given().get("/api/v1/shipments/" + number).then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        as(Tokens.expired("ocs")).get("/api/v1/shipments/" + number).then().statusCode(401);
        as(Tokens.forAudience("ocs", "trackguard-notification")).get("/api/v1/shipments/" + number).then().statusCode(401);
        String token = Tokens.partner("ocs");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        as(tampered).get("/api/v1/shipments/" + number).then().statusCode(401);
        String[] parts = token.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        as(none).get("/api/v1/shipments/" + number).then().statusCode(401);
        assertEquals(0, TrackingServiceStandIn.calls.get(), "nothing reaches tracking-service without a valid token");
    }

    @Test
    void scopesAndThePartnerClaimAreRequired() {
        as(Tokens.partner("ocs", "shipments:read")).body(shipment()).post("/api/v1/shipments").then().statusCode(403)
                .contentType("application/problem+json");
        as(Tokens.partner("ocs", "shipments:write")).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(403);
        as(Tokens.withoutPartner()).body(shipment()).post("/api/v1/shipments").then().statusCode(403);
        assertEquals(0, TrackingServiceStandIn.calls.get());
    }

    @Test
    void badInputIsRefusedBeforeTrackingServiceIsCalled() {
        as(Tokens.partner("ocs")).body("{\"orderReference\":").post("/api/v1/shipments").then().statusCode(400)
                .contentType("application/problem+json");
        as(Tokens.partner("ocs")).body("[1,2]").post("/api/v1/shipments").then().statusCode(400);
        as(Tokens.partner("ocs")).body("{\"x\":\"" + "a".repeat(200_000) + "\"}").post("/api/v1/shipments").then().statusCode(413)
                .contentType("application/problem+json");
        as(Tokens.partner("ocs")).get("/api/v1/shipments/" + "A".repeat(60)).then().statusCode(400);
        as(Tokens.partner("ocs")).get("/api/v1/shipments/..%2F..%2Fadmin").then().statusCode(400);
        assertEquals(0, TrackingServiceStandIn.calls.get());
    }
}
