package io.trackguard.gateway.shipment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway reads tracking-service's answers into the records of io.trackguard.trackingapi and sends it
 * a NewShipment: what crosses the wire is what it was with JSON trees, a field outside the contract is
 * handled on purpose, and an answer that breaks the contract is tracking-service failing (503), never
 * the gateway's 500 or the partner's 400.
 */
@QuarkusTest
@QuarkusTestResource(TrackingServiceStandIn.class)
class TypedContractTest {

    /** A delivered shipment with every field the partner may see, in the order and format tracking-service writes them. */
    private static final String FULL = """
            {"trackingNumber":"%s","status":"DELIVERED","partnerId":"ocs","orderReference":"ORD-FULL-1",\
            "sender":"Ontario Cannabis Retail","recipient":{"name":"Jane Roe","email":"jane.roe@example.com",\
            "phone":"+1 416 555 0100","language":"fr"},"destination":{"line1":"1 King St W","line2":"Unit 5",\
            "city":"Toronto","province":"ON","postalCode":"M5H1A1","country":"CA"},"productCategory":"cannabis",\
            "expectedDeliveryDate":"2026-12-24","deliveredOn":"2026-12-23","deliveredAt":"2026-12-23T15:04:05.123Z",\
            "signerName":"J. Roe","createdAt":"2026-11-28T10:00:00Z","events":[{"type":"ACCEPTED",\
            "occurredAt":"2026-11-28T11:00:00Z","facilityCity":"Mississauga","facilityProvince":"ON"},\
            {"type":"DELIVERED","occurredAt":"2026-12-23T15:04:05.123Z","occurredOn":"2026-12-23"}]}""";

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        TrackingServiceStandIn.reset();
        breakers.resetAll();
    }

    private static RequestSpecification as(String partner) {
        return given().urlEncodingEnabled(false).auth().oauth2(Tokens.partner(partner)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    @Test
    void everyFieldOfTrackingServicesAnswerReachesThePartnerByteForByte() {
        String number = "FULL" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        String full = FULL.formatted(number);
        TrackingServiceStandIn.put(number, full);
        String answer = as("ocs").get("/api/v1/shipments/" + number).then().statusCode(200).extract().asString();
        assertEquals(full, answer);
    }

    @Test
    void theCreateSendsTrackingServiceThePartnersFieldsAsTheyWere() {
        String sent = """
                {"orderReference":"ORD-%s","recipient":{"name":"Jane Roe","email":"jane.roe@example.com",\
                "phone":"+1 416 555 0100","language":"en"},"destination":{"line1":"1 King St W","line2":"Unit 5",\
                "city":"Toronto","province":"ON","postalCode":"M5H 1A1","country":"CA"},"productCategory":"apparel",\
                "expectedDeliveryDate":"2026-12-24"}""".formatted(UUID.randomUUID());
        as("ocs").body(sent).post("/api/v1/shipments").then().statusCode(201)
                .body("recipient.language", equalTo("en")).body("expectedDeliveryDate", equalTo("2026-12-24"));
        assertEquals(List.of(sent), TrackingServiceStandIn.createBodies);
    }

    @Test
    void aFieldTrackingServiceAddsBeforeTheContractHasItIsLeftOutNotAFailure() {
        String number = "NEWF" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        String withNewFields = FULL.formatted(number)
                .replace("\"sender\":", "\"insuredValue\":{\"amount\":120,\"currency\":\"CAD\"},\"sender\":")
                .replace("\"language\":\"fr\"", "\"language\":\"fr\",\"pronouns\":\"she\"");
        TrackingServiceStandIn.put(number, withNewFields);
        as("ocs").get("/api/v1/shipments/" + number).then().statusCode(200)
                .body("$", not(hasKey("insuredValue"))).body("recipient", not(hasKey("pronouns")))
                .body("recipient.language", equalTo("fr")).body("signerName", equalTo("J. Roe"));
    }

    @Test
    void anAnswerThatBreaksTheContractIsA503NeverA500OrA400AndIsNotRetried() {
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.ANSWERING;
        for (String broken : List.of(
                "{\"trackingNumber\":\"X\",\"status\":\"CREATED\",\"partnerId\":\"ocs\",\"events\":\"not a list\"}",
                "{\"trackingNumber\":\"X\",\"status\":\"CREATED\",\"partnerId\":\"ocs\",\"createdAt\":\"yesterday\"}",
                "{\"trackingNumber\":\"X\",\"status\":\"CREATED\"}",
                "<html>a proxy's error page</html>",
                "")) {
            TrackingServiceStandIn.calls.set(0);
            TrackingServiceStandIn.answerBody = broken;
            as("ocs").get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:trackguard:problem:tracking-unavailable"));
            assertEquals(1, TrackingServiceStandIn.calls.get(), "the same request would get the same answer: not retried");
            breakers.resetAll();
        }
        // a create it answered without a tracking number: 503, and the outcome stays unknown for the partner's retry
        TrackingServiceStandIn.answerStatus = 201;
        TrackingServiceStandIn.answerBody = "{\"status\":\"CREATED\",\"partnerId\":\"ocs\"}";
        as("ocs").body("{\"orderReference\":\"ORD-" + UUID.randomUUID() + "\"}").post("/api/v1/shipments").then().statusCode(503)
                .body("type", equalTo("urn:trackguard:problem:tracking-unavailable"));
        // a 200 where a create answers 201 is no contract either
        TrackingServiceStandIn.answerStatus = 200;
        TrackingServiceStandIn.answerBody = FULL.formatted("STANDIN1ABCDEFGH");
        as("ocs").body("{\"orderReference\":\"ORD-" + UUID.randomUUID() + "\"}").post("/api/v1/shipments").then().statusCode(503);
    }

    @Test
    void aPartnersFieldOutsideTheContractIs400AndTrackingServiceIsNotCalled() {
        as("ocs").body("{\"orderReference\":\"ORD-1\",\"partnerId\":\"acme\"}").post("/api/v1/shipments").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:trackguard:problem:invalid-body"))
                .body("errors[0].field", equalTo("partnerId"));
        as("ocs").body("{\"orderReference\":\"ORD-1\",\"expectedDeliveryDate\":\"tomorrow\"}").post("/api/v1/shipments").then()
                .statusCode(400).body("errors[0].field", equalTo("expectedDeliveryDate"));
        as("ocs").body("{\"orderReference\":\"ORD-1\",\"recipient\":{\"name\":\"Jane\",\"ssn\":\"1\"}}").post("/api/v1/shipments").then()
                .statusCode(400).body("errors[0].field", equalTo("recipient.ssn"));
        assertEquals(0, TrackingServiceStandIn.calls.get());
    }

    @Test
    void aBatchShipmentOutsideTheContractIsItsOwn400AndTheOthersAreCreated() {
        String key = UUID.randomUUID().toString();
        String body = """
                {"shipments":[{"orderReference":"ORD-C1-%1$s"},{"orderReference":"ORD-C2-%1$s","partnerId":"acme"},
                {"orderReference":"ORD-C3-%1$s"}]}""".formatted(key);
        as("ocs").body(body).post("/api/v1/shipments:batch").then().statusCode(200)
                .body("results[0].status", equalTo(201)).body("results[0].shipment.partnerId", equalTo("ocs"))
                .body("results[1].status", equalTo(400)).body("results[1].problem.errors[0].field", equalTo("partnerId"))
                .body("results[2].status", equalTo(201));
        assertEquals(2, TrackingServiceStandIn.createBodies.size());
    }
}
