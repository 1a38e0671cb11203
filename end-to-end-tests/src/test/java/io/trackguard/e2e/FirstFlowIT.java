package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first flow, from a partner's Keycloak token to the public view. */
@ExtendWith(Stack.class)
class FirstFlowIT {

    static final Set<String> PUBLIC_KEYS = Set.of("trackingNumber", "status", "expectedDeliveryDate", "deliveredOn",
            "destination", "events");
    static final Set<String> PUBLIC_EVENT_KEYS = Set.of("type", "occurredAt", "occurredOn", "facilityCity", "facilityProvince");

    @Test
    void partnerCreatesOperationsScanAndThePublicSeesOnlyThePublicColumn() {
        String reference = "ORD-" + UUID.randomUUID();
        String number = given().auth().oauth2(Tokens.ocs()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(Shipments.body(reference))
                .post(Stack.GATEWAY + "/api/v1/shipments")
                .then().statusCode(201)
                .header("Location", matchesPattern(Stack.GATEWAY + "/api/v1/shipments/[2-9A-HJKMNP-Z]{18}"))
                .body("partnerId", equalTo("ocs"))
                .extract().path("trackingNumber");

        given().auth().oauth2(Tokens.ocs()).get(Stack.GATEWAY + "/api/v1/shipments/" + number)
                .then().statusCode(200).body("orderReference", equalTo(reference)).body("recipient.name", equalTo("Jane Roe"));

        Shipments.deliver(number);

        String body = Clients.fresh().get(Stack.TRACKING + "/api/v1/track/" + number).then().statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("events", hasSize(4))
                .extract().asString();
        JsonPath json = JsonPath.from(body);
        Map<String, Object> view = json.getMap("$");
        assertTrue(PUBLIC_KEYS.containsAll(view.keySet()), "keys outside the public column: " + view.keySet());
        List<Map<String, Object>> events = json.getList("events");
        events.forEach(e -> assertTrue(PUBLIC_EVENT_KEYS.containsAll(e.keySet()), "event keys: " + e.keySet()));
        assertEquals(Set.of("province"), json.getMap("destination").keySet(), "only the province of the destination is public");
        assertFalse(view.containsKey("sender"), "no partner's name is public");
        for (String secret : List.of("J. Roe", "Jane Roe", "jane.roe", "M5H", "King St", "cannabis", reference, "ocs", "Ontario")) {
            assertFalse(body.contains(secret), "the public view leaks " + secret + ": " + body);
        }
    }

    @Test
    void noPartnerIsNamedInPublicSensitiveOrNot() {
        String number = Shipments.createThroughGateway(Tokens.acme());
        String body = Clients.fresh().get(Stack.TRACKING + "/api/v1/track/" + number).then().statusCode(200)
                .body("status", equalTo("CREATED"))
                .extract().asString();
        assertFalse(JsonPath.from(body).getMap("$").containsKey("sender"), body);
        assertFalse(body.contains("Acme"), body);
    }

    @Test
    void anotherPartnerGets404AtTheGatewayAndAtTrackingServiceAlike() {
        String number = Shipments.createThroughGateway(Tokens.ocs());
        String viaGateway = given().auth().oauth2(Tokens.acme()).get(Stack.GATEWAY + "/api/v1/shipments/" + number)
                .then().statusCode(404).contentType("application/problem+json").extract().asString();
        // tracking-service decides the tenant itself, from the partner the gateway names
        String direct = Relayed.as("acme").get(Stack.TRACKING + "/api/v1/shipments/" + number)
                .then().statusCode(404).contentType("application/problem+json").extract().asString();
        String unknown = given().auth().oauth2(Tokens.acme()).get(Stack.GATEWAY + "/api/v1/shipments/" + Numbers.unknown())
                .then().statusCode(404).extract().asString();
        assertEquals(strip(unknown), strip(viaGateway), "not yours and unknown must read the same");
        for (String answer : List.of(viaGateway, direct)) {
            assertFalse(answer.contains("ocs") || answer.contains("Jane") || answer.contains("ORD-"), answer);
        }
    }

    @Test
    void partnersCannotUpdateShipmentsThroughScansNorOthersAtAll() {
        String number = Shipments.createThroughGateway(Tokens.ocs());
        Map<String, Object> forged = Map.of("type", "DELIVERED", "occurredAt", java.time.Instant.now().toString(), "signerName", "Forged");
        for (String token : List.of(Tokens.acme(), Tokens.ocs())) {
            // partner tokens are not for tracking-service at all
            given().auth().oauth2(token).contentType(ContentType.JSON).body(forged)
                    .post(Stack.TRACKING + "/api/v1/shipments/" + number + "/events")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        // nor may the gateway post scans for a partner
        Relayed.as("ocs").contentType(ContentType.JSON).body(forged).post(Stack.TRACKING + "/api/v1/shipments/" + number + "/events")
                .then().statusCode(403).contentType("application/problem+json");
        Clients.fresh().get(Stack.TRACKING + "/api/v1/track/" + number).then().body("status", equalTo("CREATED"));
    }

    @Test
    void aPartnerGetsAOneTimeLinkForItsOwnShipmentThroughTheGatewayAndNoOtherPartnerDoes() {
        String number = Shipments.createThroughGateway(Tokens.acme());
        String token = given().auth().oauth2(Tokens.acme()).post(Stack.GATEWAY + "/api/v1/shipments/" + number + "/recipient-link")
                .then().statusCode(201).header("Cache-Control", "no-store")
                .body("path", matchesPattern("/r/.+"))
                .extract().path("token");
        // the link proves the recipient once: the details (recipient tier) open with its session
        String session = Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", token))
                .post(Stack.TRACKING + "/api/v1/recipient-links/redeem")
                .then().statusCode(200).extract().path("session");
        Clients.fresh().header("Recipient-Session", session).get(Stack.TRACKING + "/api/v1/track/" + number + "/details")
                .then().statusCode(200).body("trackingNumber", equalTo(number));
        Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", token))
                .post(Stack.TRACKING + "/api/v1/recipient-links/redeem").then().statusCode(403);

        String notYours = given().auth().oauth2(Tokens.ocs()).post(Stack.GATEWAY + "/api/v1/shipments/" + number + "/recipient-link")
                .then().statusCode(404).contentType("application/problem+json").extract().asString();
        String unknown = given().auth().oauth2(Tokens.ocs()).post(Stack.GATEWAY + "/api/v1/shipments/" + Numbers.unknown() + "/recipient-link")
                .then().statusCode(404).extract().asString();
        assertEquals(strip(unknown), strip(notYours), "not yours and unknown must read the same");
        // tracking-service checks the owner itself too, whatever the gateway checked before
        Relayed.as("ocs").post(Stack.TRACKING + "/api/v1/shipments/" + number + "/recipient-link")
                .then().statusCode(404).contentType("application/problem+json");
    }

    static String strip(String problem) {
        return problem.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
