package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every service checks issuer, signature, expiry and audience of real Keycloak tokens. */
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
        // partner tokens name the gateway and tracking-service, not notification-service
        given().auth().oauth2(Tokens.ocs()).get(Stack.NOTIFICATION + "/api/v1/incidents").then().statusCode(401);
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
        given().auth().oauth2(token).get(Stack.TRACKING + "/api/v1/shipments/BWBVQKS7YMXQRRKD6N").then().statusCode(401);
    }

    @Test
    void aTokenWithoutTheScopeIs403() {
        given().auth().oauth2(Tokens.operations()).contentType(ContentType.JSON).body(Shipments.body("ORD-OPS"))
                .post(Stack.TRACKING + "/api/v1/shipments").then().statusCode(403)
                .body("status", equalTo(403));
        Map<String, Object> none = Map.of();
        assertTrue(none.isEmpty());
    }
}
