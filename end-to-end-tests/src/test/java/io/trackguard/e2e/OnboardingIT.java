package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A new partner onboarded through the gateway gets a real Keycloak client, a token, and creates a shipment; disabled, it cannot. */
@ExtendWith(Stack.class)
class OnboardingIT {

    @Test
    void onboardTokenCreateThenDisable() {
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON)
                .body(Map.of("id", id, "displayName", "E2E Goods", "sensitive", false, "plan", "standard"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(201)
                .body("clientId", equalTo("partner-" + id)).body("clientSecret", notNullValue())
                .extract().path("clientSecret");
        given().auth().oauth2(Tokens.of("platform-admin")).get(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(200)
                .body("id", hasItem(id)).body("clientSecret", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));

        String token = Tokens.fresh("partner-" + id, secret);
        assertTrue(Tokens.payload(token).contains("\"partner_id\":\"" + id + "\""), Tokens.payload(token));
        String number = Shipments.createThroughGateway(token);
        given().auth().oauth2(token).get(Stack.GATEWAY + "/api/v1/shipments/" + number).then().statusCode(200)
                .body("partnerId", equalTo(id)).body("sender", equalTo("E2E Goods"));

        given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON)
                .body(Map.of("id", id, "displayName", "Again", "sensitive", false, "plan", "standard"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(409);

        given().auth().oauth2(Tokens.of("platform-admin")).post(Stack.GATEWAY + "/admin/v1/partners/" + id + "/disable").then().statusCode(200)
                .body("enabled", equalTo(false));
        given().formParam("grant_type", "client_credentials").auth().preemptive().basic("partner-" + id, secret)
                .post(Stack.ISSUER + "/protocol/openid-connect/token").then().statusCode(401);
        // the token it still holds is refused too
        given().auth().oauth2(token).get(Stack.GATEWAY + "/api/v1/shipments/" + number).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void onlyPartnerAdminsOnboard() {
        given().auth().oauth2(Tokens.acme()).contentType(ContentType.JSON)
                .body(Map.of("id", "sneaky", "displayName", "Sneaky", "sensitive", false, "plan", "premium"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(403);
        given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON)
                .body(Map.of("id", "Bad Id!", "displayName", "x", "sensitive", false, "plan", "standard"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(400);
        given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON)
                .body(Map.of("id", "nope-plan", "displayName", "x", "sensitive", false, "plan", "platinum"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(400);
    }
}
