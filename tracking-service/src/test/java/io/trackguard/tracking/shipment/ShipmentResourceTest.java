package io.trackguard.tracking.shipment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.trackguard.tracking.partner.Partner;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShipmentResourceTest {

    @Inject
    ShipmentFixtures fixtures;

    @Test
    @TestSecurity(user = "service-account-partner-ocs", permissions = {"shipments:write", "shipments:read"})
    @OidcSecurity(claims = {
            @Claim(key = "partner_id", value = "ocs"),
            @Claim(key = "partner_name", value = "Ontario Cannabis Retail"),
            @Claim(key = "partner_sensitive", value = "true", type = ClaimType.BOOLEAN)})
    void partnerCreatesAndReadsBackItsShipment() {
        String reference = "ORD-" + UUID.randomUUID();
        String number = given().contentType(ContentType.JSON).body(ShipmentFixtures.newShipment(reference, "fr"))
                .when().post("/api/v1/shipments")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/shipments/[2-9A-HJKMNP-Z]{18}"))
                .body("recipient.language", equalTo("fr"))
                .body("partnerId", equalTo("ocs"))
                .body("orderReference", equalTo(reference))
                .body("status", equalTo("CREATED"))
                .body("destination.postalCode", equalTo("M5H1A1"))
                .extract().path("trackingNumber");

        given().when().get("/api/v1/shipments/" + number.toLowerCase())
                .then().statusCode(200)
                .header("RateLimit-Policy", "\"partner\";q=50;w=1")
                .body("trackingNumber", equalTo(number))
                .body("recipient.name", equalTo("Jane Roe"))
                .body("recipient.language", equalTo("fr"))
                .body("productCategory", equalTo("cannabis"));

        Partner partner = Partner.findById("ocs");
        org.junit.jupiter.api.Assertions.assertTrue(partner.sensitive, "the sensitive flag comes from the token");
    }

    @Test
    @TestSecurity(user = "service-account-partner-ocs", permissions = {"shipments:write", "shipments:read"})
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "ocs"))
    void aBodyCannotChooseTheTenant() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "orderReference", "ORD-" + UUID.randomUUID(),
                "recipient", Map.of("name", "Jane Roe"),
                "destination", Map.of("line1", "1 King St", "city", "Toronto", "province", "ON", "postalCode", "M5H1A1"),
                "productCategory", "apparel"));
        body.put("partnerId", "acme");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/shipments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("partnerId"));
    }

    @Test
    @TestSecurity(user = "service-account-partner-ocs", permissions = {"shipments:write", "shipments:read"})
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "ocs"))
    void aDuplicateOrderReferenceIsAConflict() {
        String reference = "ORD-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(ShipmentFixtures.newShipment(reference))
                .post("/api/v1/shipments").then().statusCode(201);
        given().contentType(ContentType.JSON).body(ShipmentFixtures.newShipment(reference))
                .post("/api/v1/shipments").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trackguard:problem:duplicate-order-reference"));
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", permissions = {"shipments:write", "shipments:read"})
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void anotherPartnersShipmentIsNotFoundExactlyLikeAnUnknownOne() {
        String ocsNumber = fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        String otherPartner = given().when().get("/api/v1/shipments/" + ocsNumber)
                .then().statusCode(404).contentType("application/problem+json")
                .body("recipient", nullValue())
                .extract().asString();
        String unknown = given().when().get("/api/v1/shipments/" + ShipmentFixtures.unknownNumber())
                .then().statusCode(404).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(withoutRequestId(unknown), withoutRequestId(otherPartner));
    }

    @Test
    @TestSecurity(user = "service-account-partner-acme", permissions = {"shipments:write", "shipments:read"})
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "acme"))
    void theSameReferenceMayBeUsedByTwoPartners() {
        String reference = "ORD-" + UUID.randomUUID();
        fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER);
        given().contentType(ContentType.JSON).body(ShipmentFixtures.newShipment(reference))
                .post("/api/v1/shipments").then().statusCode(201).body("partnerId", equalTo("acme"));
    }

    @Test
    @TestSecurity(user = "service-account-partner-ocs", permissions = {"shipments:read"})
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "ocs"))
    void creatingNeedsTheWriteScope() {
        given().contentType(ContentType.JSON).body(ShipmentFixtures.newShipment("ORD-" + UUID.randomUUID()))
                .post("/api/v1/shipments").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "service-account-carrier-operations", roles = "operations", permissions = {"shipments:write", "shipments:read"})
    void aTokenWithoutPartnerIdIsForbidden() {
        given().contentType(ContentType.JSON).body(ShipmentFixtures.newShipment("ORD-" + UUID.randomUUID()))
                .post("/api/v1/shipments").then().statusCode(403).contentType("application/problem+json");
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
    @TestSecurity(user = "service-account-partner-ocs", permissions = {"shipments:write", "shipments:read"})
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "ocs"))
    void invalidShipmentsAreRefusedFieldByField() {
        given().contentType(ContentType.JSON)
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
    @TestSecurity(user = "service-account-partner-ocs", permissions = {"shipments:write", "shipments:read"})
    @OidcSecurity(claims = @Claim(key = "partner_id", value = "ocs"))
    void malformedAndMistypedNumbersAreTold() {
        given().get("/api/v1/shipments/ORD-2026-000123").then().statusCode(400)
                .body("type", equalTo("urn:trackguard:problem:invalid-tracking-number"));
        String valid = ShipmentFixtures.unknownNumber();
        String swapped = valid.charAt(1) + "" + valid.charAt(0) + valid.substring(2);
        if (!swapped.equals(valid)) {
            given().get("/api/v1/shipments/" + swapped).then().statusCode(400)
                    .body("type", equalTo("urn:trackguard:problem:mistyped-tracking-number"));
        }
    }

    static String withoutRequestId(String json) {
        return json.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
