package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every service checks issuer, signature, expiry and audience of real Keycloak tokens; partner
 * tokens are for the gateway only, and tracking-service's partner API answers the gateway alone.
 */
@ExtendWith(Stack.class)
class TokenValidationIT {

    static final List<String> PROTECTED = List.of(
            Stack.GATEWAY + "/api/v1/shipments/BWBVQKS7YMXQRRKD6N",
            Stack.TRACKING + "/api/v1/shipments/BWBVQKS7YMXQRRKD6N",
            Stack.NOTIFICATION + "/api/v1/incidents");

    @Test
    void noTokenIs401Everywhere() {
        for (String url : PROTECTED) {
            given().get(url).then().statusCode(401).header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        }
    }

    @Test
    void tamperedAndUnsignedTokensAre401Everywhere() {
        for (String url : PROTECTED) {
            given().auth().oauth2(Tokens.tampered(Tokens.ocs())).get(url).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(Tokens.algNone(Tokens.ocs())).get(url).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2("not.a.token").get(url).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void aValidTokenForAnotherAudienceIs401() {
        // carrier-operations' tokens are minted for tracking-service only
        String operations = Tokens.operations();
        assertTrue(Tokens.payload(operations).contains("\"aud\":\"trackguard-tracking\""), Tokens.payload(operations));
        given().auth().oauth2(operations).get(Stack.GATEWAY + "/api/v1/shipments/BWBVQKS7YMXQRRKD6N").then().statusCode(401);
        given().auth().oauth2(operations).get(Stack.NOTIFICATION + "/api/v1/incidents").then().statusCode(401);
        // partner tokens name the gateway only: neither notification-service nor tracking-service takes them
        assertTrue(Tokens.payload(Tokens.ocs()).contains("\"aud\":\"trackguard-gateway\""), Tokens.payload(Tokens.ocs()));
        given().auth().oauth2(Tokens.ocs()).get(Stack.NOTIFICATION + "/api/v1/incidents").then().statusCode(401);
        given().auth().oauth2(Tokens.ocs()).get(Stack.TRACKING + "/api/v1/shipments/BWBVQKS7YMXQRRKD6N").then().statusCode(401);
    }

    /** Even a partner token that was also addressed to tracking-service is refused there: its partner API is the gateway's. */
    @Test
    void tokensThatCarryTheTrackingAudienceButNotTheGatewaysRoleAreRefusedOnThePartnerApi() {
        String partnerWithTrackingAudience = KeycloakAdmin.partnerToken(300, List.of("trackguard-gateway", "trackguard-tracking"));
        String number = Shipments.createThroughGateway(Tokens.acme());
        for (String token : List.of(partnerWithTrackingAudience, Tokens.operations())) {
            for (String path : List.of("/api/v1/shipments/" + number, "/api/v1/shipments/" + number + "/events", "/api/v1/shipments")) {
                String body = given().auth().oauth2(token).header(Relayed.PARTNER_HEADER, "acme").get(Stack.TRACKING + path)
                        .then().statusCode(403).contentType("application/problem+json").extract().asString();
                assertFalse(body.contains("Jane Roe") || body.contains(number), body);
            }
        }
        // the gateway's own token is taken, for the partner it names
        Relayed.as("acme").get(Stack.TRACKING + "/api/v1/shipments/" + number).then().statusCode(200).body("partnerId", equalTo("acme"));
        // and it names nobody without the header
        given().auth().oauth2(Tokens.gateway()).get(Stack.TRACKING + "/api/v1/shipments/" + number).then().statusCode(403);
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        String token = KeycloakAdmin.shortLivedPartnerToken();
        given().auth().oauth2(token).get(Stack.GATEWAY + "/api/v1/shipments/BWBVQKS7YMXQRRKD6N").then().statusCode(404);
        long exp = Long.parseLong(Tokens.payload(token).replaceAll(".*\"exp\":(\\d+).*", "$1"));
        // wait on the condition (the token's own expiry), not a fixed time
        while (System.currentTimeMillis() / 1000 <= exp) {
            Thread.sleep(200);
        }
        given().auth().oauth2(token).get(Stack.GATEWAY + "/api/v1/shipments/BWBVQKS7YMXQRRKD6N").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenWithoutTheScopeIs403AndWithItGoesThrough() {
        // a partner client with shipments:read only: it may read, it may not create
        String readOnly = KeycloakAdmin.partnerToken(300, List.of("trackguard-gateway"));
        assertTrue(Tokens.payload(readOnly).contains("\"scope\":\"shipments:read\""), Tokens.payload(readOnly));
        given().auth().oauth2(readOnly).contentType(ContentType.JSON).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body(Shipments.body("ORD-READ-ONLY")).post(Stack.GATEWAY + "/api/v1/shipments").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(readOnly).get(Stack.GATEWAY + "/api/v1/shipments?reference=ORD-READ-ONLY").then().statusCode(200)
                .body("items.size()", equalTo(0));
        // carrier operations may post scans but not create shipments at tracking-service
        given().auth().oauth2(Tokens.operations()).contentType(ContentType.JSON).body(Shipments.body("ORD-OPS"))
                .post(Stack.TRACKING + "/api/v1/shipments").then().statusCode(403).body("status", equalTo(403));
    }
}
