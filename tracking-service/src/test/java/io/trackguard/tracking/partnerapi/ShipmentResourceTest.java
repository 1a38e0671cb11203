package io.trackguard.tracking.partnerapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.trackguard.ratelimit.Flags;
import io.trackguard.tracking.limits.PartnerLimit;
import io.trackguard.tracking.partner.Partner;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Relayed;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShipmentResourceTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    Flags flags;

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void partnerCreatesAndReadsBackItsShipment() {
        String reference = "ORD-" + UUID.randomUUID();
        String number = Relayed.as("ocs").contentType(ContentType.JSON).body(ShipmentFixtures.newShipment(reference, "fr"))
                .when().post("/api/v1/shipments")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/shipments/[2-9A-HJKMNP-Z]{18}"))
                .body("recipient.language", equalTo("fr"))
                .body("partnerId", equalTo("ocs"))
                .body("orderReference", equalTo(reference))
                .body("status", equalTo("CREATED"))
                .body("destination.postalCode", equalTo("M5H1A1"))
                .extract().path("trackingNumber");

        Relayed.as("ocs").when().get("/api/v1/shipments/" + number.toLowerCase())
                .then().statusCode(200)
                .header("RateLimit-Policy", "\"partner\";q=50;w=1")
                .body("trackingNumber", equalTo(number))
                .body("recipient.name", equalTo("Jane Roe"))
                .body("recipient.language", equalTo("fr"))
                .body("productCategory", equalTo("cannabis"));

        Partner partner = Partner.findById("ocs");
        org.junit.jupiter.api.Assertions.assertTrue(partner.sensitive, "the sensitive flag comes from the gateway's relay");
        org.junit.jupiter.api.Assertions.assertEquals("Ontario Cannabis Retail", partner.displayName);
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void aBodyCannotChooseTheTenant() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "orderReference", "ORD-" + UUID.randomUUID(),
                "recipient", Map.of("name", "Jane Roe"),
                "destination", Map.of("line1", "1 King St", "city", "Toronto", "province", "ON", "postalCode", "M5H1A1"),
                "productCategory", "apparel"));
        body.put("partnerId", "acme");
        Relayed.as("ocs").contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/shipments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("partnerId"));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void aDuplicateOrderReferenceIsAConflict() {
        String reference = "ORD-" + UUID.randomUUID();
        Relayed.as("ocs").contentType(ContentType.JSON).body(ShipmentFixtures.newShipment(reference))
                .post("/api/v1/shipments").then().statusCode(201);
        Relayed.as("ocs").contentType(ContentType.JSON).body(ShipmentFixtures.newShipment(reference))
                .post("/api/v1/shipments").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trackguard:problem:duplicate-order-reference"));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void anotherPartnersShipmentIsNotFoundExactlyLikeAnUnknownOne() {
        String ocsNumber = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        String otherPartner = Relayed.as("acme").when().get("/api/v1/shipments/" + ocsNumber)
                .then().statusCode(404).contentType("application/problem+json")
                .body("recipient", nullValue())
                .extract().asString();
        String unknown = Relayed.as("acme").when().get("/api/v1/shipments/" + ShipmentFixtures.unknownNumber())
                .then().statusCode(404).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(withoutRequestId(unknown), withoutRequestId(otherPartner));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void theSameReferenceMayBeUsedByTwoPartners() {
        String reference = "ORD-" + UUID.randomUUID();
        fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        Relayed.as("acme").contentType(ContentType.JSON).body(ShipmentFixtures.newShipment(reference))
                .post("/api/v1/shipments").then().statusCode(201).body("partnerId", equalTo("acme"));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:read"})
    void creatingNeedsTheWriteScope() {
        Relayed.as("ocs").contentType(ContentType.JSON).body(ShipmentFixtures.newShipment("ORD-" + UUID.randomUUID()))
                .post("/api/v1/shipments").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "service-account-carrier-operations", roles = "operations", permissions = {"shipments:write", "shipments:read"})
    void relayHeadersFromAnyoneButTheGatewayAreIgnored() {
        Relayed.as("ocs").contentType(ContentType.JSON).body(ShipmentFixtures.newShipment("ORD-" + UUID.randomUUID()))
                .post("/api/v1/shipments").then().statusCode(403).contentType("application/problem+json");
        Relayed.as("ocs").get("/api/v1/shipments/" + fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER)).then().statusCode(403);
    }

    /** Partner tokens name the gateway only (so they get 401 here), and even one that got through would be refused. */
    @Test
    @TestSecurity(user = "service-account-partner-ocs", permissions = {"shipments:write", "shipments:read"})
    @OidcSecurity(claims = {@Claim(key = "partner_id", value = "ocs"), @Claim(key = "azp", value = "partner-ocs")})
    void aPartnersOwnTokenIsRefusedOnEveryPartnerEndpoint() {
        String number = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        for (io.restassured.response.Response r : java.util.List.of(
                given().contentType(ContentType.JSON).body(ShipmentFixtures.newShipment("ORD-" + UUID.randomUUID())).post("/api/v1/shipments"),
                given().get("/api/v1/shipments/" + number),
                given().get("/api/v1/shipments/" + number + "/events"),
                given().get("/api/v1/shipments"),
                given().post("/api/v1/shipments/" + number + "/cancel"),
                Relayed.as("ocs").get("/api/v1/shipments/" + number))) {
            org.junit.jupiter.api.Assertions.assertEquals(403, r.statusCode(), r.asString());
            org.junit.jupiter.api.Assertions.assertFalse(r.asString().contains("Jane Roe"), r.asString());
        }
        Relayed.as("ocs").get("/api/v1/shipments/" + number).then().contentType("application/problem+json")
                .body("detail", containsString("partner-gateway"));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void theGatewayMustNameAValidPartner() {
        String number = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        given().get("/api/v1/shipments/" + number).then().statusCode(403).contentType("application/problem+json");
        given().header(PartnerCaller.ID_HEADER, "OCS; drop").get("/api/v1/shipments/" + number).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void aDisabledPartnerIsRefusedAtOnceWhileOthersGoOn() {
        String partner = "disabled-" + UUID.randomUUID().toString().substring(0, 8);
        String number = given().header(PartnerCaller.ID_HEADER, partner).contentType(ContentType.JSON)
                .body(ShipmentFixtures.newShipment("ORD-" + UUID.randomUUID())).post("/api/v1/shipments")
                .then().statusCode(201).extract().path("trackingNumber");
        flags.set(PartnerLimit.DISABLED, partner);
        given().header(PartnerCaller.ID_HEADER, partner).get("/api/v1/shipments/" + number).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("disabled"))
                .body(not(containsString("Jane Roe")));
        given().header(PartnerCaller.ID_HEADER, partner).contentType(ContentType.JSON)
                .body(ShipmentFixtures.newShipment("ORD-" + UUID.randomUUID())).post("/api/v1/shipments").then().statusCode(403);
        Relayed.as("acme").get("/api/v1/shipments/" + fixtures.create(ShipmentFixtures.OTHER_PARTNER)).then().statusCode(200);
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallenge() {
        given().contentType(ContentType.JSON).body(ShipmentFixtures.newShipment("ORD-" + UUID.randomUUID()))
                .post("/api/v1/shipments").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
        given().get("/api/v1/shipments/" + ShipmentFixtures.unknownNumber()).then().statusCode(401);
    }

    @Test
    void aForgedTokenIsRefused() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iss\":\"urn:trackguard:test-issuer\",\"aud\":\"trackguard-tracking\",\"partner_id\":\"ocs\",\"scope\":\"shipments:read\",\"exp\":4102444800}".getBytes());
        given().header("Authorization", "Bearer " + header + "." + payload + ".")
                .get("/api/v1/shipments/" + ShipmentFixtures.unknownNumber())
                .then().statusCode(401).contentType("application/problem+json")
                .body(not(org.hamcrest.Matchers.containsString("Exception")));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void invalidShipmentsAreRefusedFieldByField() {
        Relayed.as("ocs").contentType(ContentType.JSON)
                .body(Map.of("orderReference", "bad ref with spaces", "recipient", Map.of("name", "", "email", "not-an-email", "language", "de"),
                        "destination", Map.of("line1", "x", "city", "y", "province", "ZZ", "postalCode", "12345"),
                        "productCategory", "apparel"))
                .post("/api/v1/shipments").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("orderReference"))
                .body("errors.field", hasItem("recipient.name"))
                .body("errors.field", hasItem("recipient.email"))
                .body("errors.field", hasItem("recipient.language"))
                .body("errors.field", hasItem("destination.province"))
                .body("errors.field", hasItem("destination.postalCode"));
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void malformedAndMistypedNumbersAreTold() {
        Relayed.as("ocs").get("/api/v1/shipments/ORD-2026-000123").then().statusCode(400)
                .body("type", equalTo("urn:trackguard:problem:invalid-tracking-number"));
        String valid = ShipmentFixtures.unknownNumber();
        String swapped = valid.charAt(1) + "" + valid.charAt(0) + valid.substring(2);
        if (!swapped.equals(valid)) {
            Relayed.as("ocs").get("/api/v1/shipments/" + swapped).then().statusCode(400)
                    .body("type", equalTo("urn:trackguard:problem:mistyped-tracking-number"));
        }
    }

    static String withoutRequestId(String json) {
        return json.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
