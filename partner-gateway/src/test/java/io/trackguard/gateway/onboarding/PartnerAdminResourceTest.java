package io.trackguard.gateway.onboarding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
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
        return Jwt.issuer("urn:trackguard:test-issuer").audience("trackguard-gateway").subject("sa-acme")
                .claim("partner_id", "acme").claim("scope", "shipments:read shipments:write webhooks:manage").expiresIn(300).sign();
    }

    @Test
    void onlyPartnerAdmins() {
        given().auth().oauth2(partner()).get("/admin/v1/partners").then().statusCode(403).contentType("application/problem+json");
        given().get("/admin/v1/partners").then().statusCode(401);
        given().auth().oauth2(admin()).get("/admin/v1/partners").then().statusCode(200).body("id", hasItem("ocs"));
    }

    @Test
    void badPartnersAreRefusedBeforeKeycloakIsAsked() {
        for (Map<String, Object> bad : new Map[] {
                Map.of("id", "Bad Id", "displayName", "x", "sensitive", false, "plan", "standard"),
                Map.of("id", "fine-id", "displayName", "", "sensitive", false, "plan", "standard"),
                Map.of("id", "fine-id", "displayName", "x", "sensitive", false, "plan", "platinum")}) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(bad).post("/admin/v1/partners").then().statusCode(400);
        }
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("id", "ocs", "displayName", "Again", "sensitive", true, "plan", "standard"))
                .post("/admin/v1/partners").then().statusCode(409);
        given().auth().oauth2(admin()).post("/admin/v1/partners/nobody/disable").then().statusCode(404);
    }
}
