package io.trackguard.gateway.onboarding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What onboarding decides before it asks Keycloak (the end-to-end suite onboards for real). */
@QuarkusTest
class PartnerAdminResourceTest {

    static String admin() {
        return Jwt.issuer("urn:trackguard:test-issuer").audience("trackguard-gateway").subject("platform-admin")
                .groups(Set.of("partner-admin")).expiresIn(300).sign();
    }

    static String partner() {
        return Jwt.issuer("urn:trackguard:test-issuer").audience("trackguard-gateway").subject("sa-acme").claim("azp", "partner-acme")
                .claim("partner_id", "acme").claim("scope", "shipments:read shipments:write webhooks:manage").expiresIn(300).sign();
    }

    @Test
    void onlyPartnerAdmins() {
        given().auth().oauth2(partner()).get("/admin/v1/partners").then().statusCode(403).contentType("application/problem+json");
        given().get("/admin/v1/partners").then().statusCode(401);
        given().auth().oauth2(admin()).get("/admin/v1/partners").then().statusCode(200).body("id", hasItem("ocs"));
    }

    static Map<String, Object> partner(String id, Object sensitive, String privacyContact) {
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "displayName", "Fine Goods", "plan", "standard"));
        if (sensitive != null) {
            body.put("sensitive", sensitive);
        }
        if (privacyContact != null) {
            body.put("privacyContact", privacyContact);
        }
        return body;
    }

    @Test
    void badPartnersAreRefusedBeforeKeycloakIsAsked() {
        List<Map<String, Object>> bad = List.of(
                Map.of("id", "Bad Id", "displayName", "x", "sensitive", false, "plan", "standard", "privacyContact", "p@x.example"),
                Map.of("id", "fine-id", "displayName", "", "sensitive", false, "plan", "standard", "privacyContact", "p@x.example"),
                Map.of("id", "fine-id", "displayName", "x", "sensitive", false, "plan", "platinum", "privacyContact", "p@x.example"));
        for (Map<String, Object> body : bad) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body).post("/admin/v1/partners").then().statusCode(400);
        }
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("id", "ocs", "displayName", "Again", "sensitive", true, "plan", "standard", "privacyContact", "p@x.example"))
                .post("/admin/v1/partners").then().statusCode(409);
        given().auth().oauth2(admin()).post("/admin/v1/partners/nobody/disable").then().statusCode(404);
    }

    /** A partner whose sensitivity is not said would have its name shown publicly: it must be said. */
    @Test
    void sensitivityAndAPrivacyContactMustBeSaid() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(partner("fine-id", null, "privacy@fine.example"))
                .post("/admin/v1/partners").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sensitive"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(partner("fine-id", false, null))
                .post("/admin/v1/partners").then().statusCode(400).body("errors.field", hasItem("privacyContact"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(partner("fine-id", false, "not an email"))
                .post("/admin/v1/partners").then().statusCode(400).body("errors.field", hasItem("privacyContact"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(partner("fine-id", "maybe", "privacy@fine.example"))
                .post("/admin/v1/partners").then().statusCode(400);
    }

    static String notificationService() {
        return Jwt.issuer("urn:trackguard:test-issuer").audience("trackguard-gateway").subject("sa-notification")
                .claim("azp", "notification-service").groups(Set.of("incident-responder")).expiresIn(300).sign();
    }

    @Test
    void notificationServiceReadsAPartnersPrivacyContact() {
        given().auth().oauth2(notificationService()).get("/internal/v1/partners/ocs").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("id", equalTo("ocs")).body("displayName", equalTo("Ontario Cannabis Retail"))
                .body("sensitive", equalTo(true)).body("privacyContact", equalTo("privacy@ocs.example"));
        given().auth().oauth2(notificationService()).get("/internal/v1/partners/nobody").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:trackguard:problem:partner-not-found"));
        given().auth().oauth2(partner()).get("/internal/v1/partners/ocs").then().statusCode(403);
        given().auth().oauth2(admin()).get("/internal/v1/partners/ocs").then().statusCode(403);
        given().get("/internal/v1/partners/ocs").then().statusCode(401);
    }
}
