package io.trackguard.tracking.scan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
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
import java.net.URL;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScanEventResourceTest {

    @Inject
    ShipmentFixtures fixtures;
    @TestHTTPResource(value = "/", management = true)
    URL management;

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
    @OidcSecurity(claims = @Claim(key = "azp", value = "carrier-operations"))
    void anExceptionIsAStatusOfItsOwnThatALaterScanMovesOn() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Instant t = Instant.now().minusSeconds(3600);
        post(number, Map.of("type", "ACCEPTED", "occurredAt", t.toString())).statusCode(201);
        post(number, Map.of("type", "EXCEPTION", "occurredAt", t.plusSeconds(300).toString(),
                "facility", Map.of("city", "Toronto", "province", "ON"))).statusCode(201).body("type", equalTo("EXCEPTION"));
        // the public sees the status like any other, and the exception's place only to the province (it may be the door)
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200)
                .body("status", equalTo("EXCEPTION"))
                .body("events[1].type", equalTo("EXCEPTION"))
                .body("events[1].facilityProvince", equalTo("ON"))
                .body("events[1].facilityCity", nullValue());

        // not closed: the parcel goes on, and an exception taken out of order does not move it back
        post(number, Map.of("type", "OUT_FOR_DELIVERY", "occurredAt", t.plusSeconds(600).toString())).statusCode(201);
        post(number, Map.of("type", "EXCEPTION", "occurredAt", t.plusSeconds(400).toString())).statusCode(201);
        Clients.fresh().get("/api/v1/track/" + number).then().body("status", equalTo("OUT_FOR_DELIVERY"));
        post(number, Map.of("type", "EXCEPTION", "occurredAt", t.plusSeconds(700).toString())).statusCode(201);
        post(number, Map.of("type", "DELIVERED", "occurredAt", t.plusSeconds(900).toString(), "signerName", "J. Roe")).statusCode(201);
        Clients.fresh().get("/api/v1/track/" + number).then().body("status", equalTo("DELIVERED"));
        // an exception after delivery is refused like any scan
        post(number, Map.of("type", "EXCEPTION", "occurredAt", t.plusSeconds(1000).toString())).statusCode(409);
        // an exception takes no signer
        String other = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        post(other, Map.of("type", "EXCEPTION", "occurredAt", t.toString(), "signerName", "J. Roe")).statusCode(400);
    }

    @Test
    @TestSecurity(user = "service-account-carrier-operations", roles = "operations")
    @OidcSecurity(claims = @Claim(key = "azp", value = "carrier-operations"))
    void thePageNamesAnExceptionInEnglishAndFrench() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        post(number, Map.of("type", "EXCEPTION", "occurredAt", Instant.now().minusSeconds(60).toString())).statusCode(201);
        Clients.fresh().header("Accept-Language", "en").get("/track?number=" + number).then().statusCode(200)
                .body(containsString("<dd id=\"status\">Delivery problem</dd>"));
        Clients.fresh().header("Accept-Language", "fr").get("/track?number=" + number).then().statusCode(200)
                .body(containsString("<dd id=\"status\">Problème de livraison</dd>"));
    }

    @Test
    void theApiDocumentListsTheExceptionScanAndStatus() {
        String root = management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
        given().accept("application/json").get(root + "/q/openapi").then().statusCode(200)
                .body("components.schemas.ScanEventType.enum", hasItem("EXCEPTION"))
                .body("components.schemas.ShipmentStatus.enum", hasItem("EXCEPTION"));
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
