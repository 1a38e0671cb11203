package io.trackguard.gateway.shipment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.trackguard.ratelimit.Flags;
import io.trackguard.gateway.partner.Partner;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TrackingServiceStandIn.class)
class IdempotencyAndQuotaTest {

    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    Flags flags;

    @BeforeEach
    void reset() {
        TrackingServiceStandIn.reset();
        breakers.resetAll();
    }

    static Map<String, Object> shipment(String reference) {
        return Map.of("orderReference", reference, "productCategory", "apparel");
    }

    static io.restassured.response.Response create(String token, String key, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/shipments");
    }

    @Test
    void theSameKeyAndBodyAnswerTheFirstResultAndCreateOnce() {
        String key = UUID.randomUUID().toString();
        String token = Tokens.partner("acme");
        String first = create(token, key, shipment("ORD-" + key)).then().statusCode(201).extract().path("trackingNumber");
        int calls = TrackingServiceStandIn.calls.get();
        // the same JSON with keys in another order is the same body
        create(token, key, "{\"productCategory\":\"apparel\",   \"orderReference\":\"ORD-" + key + "\"}").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", matchesPattern(".*/api/v1/shipments/" + first))
                .body("trackingNumber", equalTo(first));
        assertEquals(calls, TrackingServiceStandIn.calls.get(), "a replay does not call tracking-service");
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndKeysArePerPartner() {
        String key = UUID.randomUUID().toString();
        create(Tokens.partner("acme"), key, shipment("ORD-" + key)).then().statusCode(201);
        create(Tokens.partner("acme"), key, shipment("ORD-other")).then().statusCode(422)
                .body("type", equalTo("urn:trackguard:problem:idempotency-key-reused"));
        // another partner's key of the same value is its own key
        create(Tokens.partner("ocs"), key, shipment("ORD-" + key)).then().statusCode(201).body("partnerId", equalTo("ocs"));
    }

    @Test
    void aCreateWithoutAKeyIsRefusedBeforeAnythingHappens() {
        given().auth().oauth2(Tokens.partner("acme")).contentType(ContentType.JSON).body(shipment("ORD-nokey"))
                .post("/api/v1/shipments").then().statusCode(400)
                .body("type", equalTo("urn:trackguard:problem:idempotency-key-required"));
        create(Tokens.partner("acme"), "bad key with spaces", shipment("ORD-x")).then().statusCode(400);
        assertEquals(0, TrackingServiceStandIn.calls.get());
    }

    @Test
    void aRetryAfterAnUnknownOutcomeFindsTheShipmentInsteadOfCreatingTwice() {
        String key = UUID.randomUUID().toString();
        String reference = "ORD-" + key;
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.CREATE_THEN_SLOW;
        create(Tokens.partner("acme"), key, shipment(reference)).then().statusCode(503).header("Retry-After", notNullValue());
        assertEquals(1, TrackingServiceStandIn.calls.get(), "a create that may have arrived is never re-sent by the gateway");

        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.NORMAL;
        String number = create(Tokens.partner("acme"), key, shipment(reference)).then().statusCode(201)
                .extract().path("trackingNumber");
        given().auth().oauth2(Tokens.partner("acme")).queryParam("reference", reference).get("/api/v1/shipments")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].trackingNumber", equalTo(number));
        // a new key with the same reference is a genuine duplicate
        create(Tokens.partner("acme"), UUID.randomUUID().toString(), shipment(reference)).then().statusCode(409);
    }

    @Test // RestAssured would percent-encode the colon of shipments:batch; a client sends it as is
    void aBatchGivesEachItemItsOwnResultAndReplaysWhole() {
        String key = UUID.randomUUID().toString();
        List<Object> items = new ArrayList<>();
        items.add(shipment("ORD-B1-" + key));
        items.add(Map.of("productCategory", "no reference"));
        items.add(shipment("ORD-B2-" + key));
        Map<String, Object> body = Map.of("shipments", items);
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.partner("acme")).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/shipments:batch").then().statusCode(200)
                .body("results", hasSize(3))
                .body("results[0].status", equalTo(201)).body("results[0].shipment.trackingNumber", notNullValue())
                .body("results[1].status", equalTo(400)).body("results[1].problem.errors[0].field", equalTo("orderReference"))
                .body("results[2].status", equalTo(201));
        int calls = TrackingServiceStandIn.calls.get();
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.partner("acme")).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/shipments:batch").then().statusCode(200).header("Idempotent-Replayed", "true").body("results", hasSize(3));
        assertEquals(calls, TrackingServiceStandIn.calls.get());

        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(shipment("ORD-" + i));
        }
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.partner("acme")).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("shipments", tooMany)).post("/api/v1/shipments:batch").then().statusCode(400);
    }

    /** A partner of its own on the test profile's tiny plan: a burst of 100, but 3 a day. */
    static String tinyPartner() {
        String partner = "tiny-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> {
            Partner p = new Partner();
            p.id = partner;
            p.displayName = "Tiny Co";
            p.plan = "tiny";
            p.clientId = "partner-" + partner;
            p.enabled = true;
            p.createdAt = Instant.now();
            p.updatedAt = Instant.now();
            p.persist();
        });
        return partner;
    }

    @Test
    void theDailyQuotaRefusesTheFourthRequestWhileTheBurstHasRoom() {
        String token = Tokens.partner(tinyPartner());
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(404)
                    .header("RateLimit-Policy", "\"quota-tiny\";q=100;w=1, \"daily-tiny\";q=3;w=86400")
                    .header("RateLimit", startsWith("\"daily-tiny\";r=" + (2 - i) + ";"));
        }
        given().auth().oauth2(token).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .header("RateLimit", startsWith("\"daily-tiny\";r=0;")) // the day's quota, not the burst of 100
                .body("type", equalTo("urn:trackguard:problem:quota-exceeded"));
        // another partner is not affected
        given().auth().oauth2(Tokens.partner("acme")).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(404);
    }

    @Test // RestAssured would percent-encode the colon of shipments:batch
    void aBatchCountsOneQuotaUnitPerShipment() {
        String token = Tokens.partner(tinyPartner());
        given().urlEncodingEnabled(false).auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("shipments", List.of(shipment("ORD-T1-" + UUID.randomUUID()), shipment("ORD-T2-" + UUID.randomUUID()))))
                .post("/api/v1/shipments:batch").then().statusCode(200)
                .header("RateLimit", startsWith("\"daily-tiny\";r=1;"));
        int calls = TrackingServiceStandIn.calls.get();
        given().urlEncodingEnabled(false).auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("shipments", List.of(shipment("ORD-T3-" + UUID.randomUUID()), shipment("ORD-T4-" + UUID.randomUUID()))))
                .post("/api/v1/shipments:batch").then().statusCode(429)
                .body("type", equalTo("urn:trackguard:problem:quota-exceeded"));
        assertEquals(calls, TrackingServiceStandIn.calls.get(), "a batch over the quota creates nothing");
        given().auth().oauth2(token).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(404)
                .header("RateLimit", startsWith("\"daily-tiny\";r=0;"));
        given().auth().oauth2(token).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(429);
    }

    @Test
    void aPartnerTheGatewayHasNoRecordOfIsOnTheStandardPlan() {
        given().auth().oauth2(Tokens.partner("unrecorded-" + UUID.randomUUID().toString().substring(0, 8)))
                .get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(404)
                .header("RateLimit-Policy", startsWith("\"quota-standard\";"));
        given().auth().oauth2(Tokens.partner("acme")).get("/api/v1/shipments/STANDIN1ABCDEFGH").then()
                .header("RateLimit-Policy", startsWith("\"quota-premium\";"));
    }

    @Test
    void aPartnerDisabledOnAnotherReplicaIsRefusedHereAtOnce() {
        String partner = tinyPartner();
        String token = Tokens.partner(partner);
        given().auth().oauth2(token).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(404); // its record is cached here now
        flags.set(Flags.PARTNER_DISABLED, partner); // what the other replica's disable does
        given().auth().oauth2(token).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(403)
                .contentType("application/problem+json").body("detail", equalTo("This partner account is disabled."));
        int calls = TrackingServiceStandIn.calls.get();
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(shipment("ORD-" + UUID.randomUUID())).post("/api/v1/shipments").then().statusCode(403);
        assertEquals(calls, TrackingServiceStandIn.calls.get());
        given().auth().oauth2(Tokens.partner("acme")).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(404);
    }

    @Test
    void listEventsAndCancelRelayOnlyTheCallersOwn() {
        String number = create(Tokens.partner("ocs"), UUID.randomUUID().toString(), shipment("ORD-" + UUID.randomUUID()))
                .then().statusCode(201).extract().path("trackingNumber");
        given().auth().oauth2(Tokens.partner("ocs")).get("/api/v1/shipments/" + number + "/events").then().statusCode(200);
        given().auth().oauth2(Tokens.partner("acme")).get("/api/v1/shipments/" + number + "/events").then().statusCode(404);
        given().auth().oauth2(Tokens.partner("acme")).post("/api/v1/shipments/" + number + "/cancel").then().statusCode(404);
        given().auth().oauth2(Tokens.partner("ocs")).post("/api/v1/shipments/" + number + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));

        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.LEAKING_OTHER_TENANT;
        given().auth().oauth2(Tokens.partner("acme")).get("/api/v1/shipments").then().statusCode(503);
        // events name no partner in their body: tracking-service's owner header is checked, and another owner is withheld
        given().auth().oauth2(Tokens.partner("ocs")).get("/api/v1/shipments/" + number + "/events").then().statusCode(404)
                .body(not(containsString("ACCEPTED")));
    }
}
