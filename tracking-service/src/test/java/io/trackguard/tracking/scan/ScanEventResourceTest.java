package io.trackguard.tracking.scan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import io.trackguard.tracking.support.Relayed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScanEventResourceTest {

    @Inject
    ShipmentFixtures fixtures;

    @Test
    @TestSecurity(user = "service-account-carrier-operations", roles = "operations")
    @OidcSecurity(claims = @Claim(key = "azp", value = "carrier-operations"))
    void scansMoveTheStatusAndADeliveryKeepsTheSigner() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Instant t = Instant.now().minusSeconds(3600);
        post(number, Map.of("type", "ACCEPTED", "occurredAt", t.toString(), "facility", Map.of("city", "Mississauga", "province", "ON")))
                .statusCode(201).body("type", equalTo("ACCEPTED")).body("facilityCity", equalTo("Mississauga"));
        // a late scan from before the last one joins the timeline without moving the status back
        post(number, Map.of("type", "OUT_FOR_DELIVERY", "occurredAt", t.plusSeconds(600).toString())).statusCode(201);
        post(number, Map.of("type", "IN_TRANSIT", "occurredAt", t.plusSeconds(300).toString())).statusCode(201);
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200)
                .body("status", equalTo("OUT_FOR_DELIVERY"))
                .body("events", hasSize(3))
                .body("events[1].type", equalTo("IN_TRANSIT"));

        post(number, Map.of("type", "DELIVERED", "occurredAt", t.plusSeconds(900).toString(), "signerName", "J. Roe")).statusCode(201);
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200).body("status", equalTo("DELIVERED"));
        post(number, Map.of("type", "IN_TRANSIT", "occurredAt", t.plusSeconds(1000).toString())).statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "service-account-carrier-operations", roles = "operations")
    void badScansAreRefused() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        post(number, Map.of("type", "DELIVERED", "occurredAt", Instant.now().toString())).statusCode(400)
                .body("errors.message", hasItem("a signer name is required for DELIVERED and refused for any other type"));
        post(number, Map.of("type", "IN_TRANSIT", "occurredAt", Instant.now().toString(), "signerName", "J. Roe")).statusCode(400);
        post(number, Map.of("type", "TELEPORTED", "occurredAt", Instant.now().toString())).statusCode(400)
                .contentType("application/problem+json");
        post(number, Map.of("type", "IN_TRANSIT", "occurredAt", Instant.now().plusSeconds(3600).toString())).statusCode(400)
                .body("type", equalTo("urn:trackguard:problem:scan-in-future"));
        post(ShipmentFixtures.unknownNumber(), Map.of("type", "IN_TRANSIT", "occurredAt", Instant.now().toString())).statusCode(404);
        Clients.fresh().get("/api/v1/track/" + number).then().body("status", equalTo("CREATED")).body("events", hasSize(0));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void partnersCannotPostScans() {
        String number = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        post(number, Map.of("type", "DELIVERED", "occurredAt", Instant.now().toString(), "signerName", "Forged")).statusCode(403);
        Clients.fresh().get("/api/v1/track/" + number).then().body("status", equalTo("CREATED"));
    }

    private static io.restassured.response.ValidatableResponse post(String number, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/shipments/" + number + "/events").then();
    }
}
