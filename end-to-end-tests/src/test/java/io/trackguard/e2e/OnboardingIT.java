package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new partner onboarded through the gateway gets a real Keycloak client (registered by an
 * account that can do nothing else), a token for the gateway only, and creates a shipment;
 * disabled, it is refused at once by the gateway and by tracking-service.
 */
@ExtendWith(Stack.class)
class OnboardingIT {

    static Map<String, Object> partner(String id, String name) {
        return Map.of("id", id, "displayName", name, "sensitive", false, "plan", "standard", "privacyContact", "privacy@" + id + ".example");
    }

    @Test
    void onboardTokenCreateThenDisable() {
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON)
                .body(partner(id, "E2E Goods"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(201)
                .body("clientId", equalTo("partner-" + id)).body("clientSecret", notNullValue())
                .body("privacyContact", equalTo("privacy@" + id + ".example"))
                .extract().path("clientSecret");
        given().auth().oauth2(Tokens.of("platform-admin")).get(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(200)
                .body("id", hasItem(id)).body("clientSecret", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));

        String token = Tokens.fresh("partner-" + id, secret);
        String claims = Tokens.payload(token);
        assertTrue(claims.contains("\"partner_id\":\"" + id + "\""), claims);
        assertFalse(claims.contains("trackguard-tracking"), "a partner token is for the gateway only: " + claims);
        given().auth().oauth2(token).get(Stack.TRACKING + "/api/v1/shipments").then().statusCode(401);
        String number = Shipments.createThroughGateway(token);
        given().auth().oauth2(token).get(Stack.GATEWAY + "/api/v1/shipments/" + number).then().statusCode(200)
                .body("partnerId", equalTo(id)).body("sender", equalTo("E2E Goods"));

        // notification-service finds where the partner's notices go
        given().auth().oauth2(Tokens.of("notification-service")).get(Stack.GATEWAY + "/internal/v1/partners/" + id).then().statusCode(200)
                .body("displayName", equalTo("E2E Goods")).body("sensitive", equalTo(false))
                .body("privacyContact", equalTo("privacy@" + id + ".example"));

        given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON).body(partner(id, "Again"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(409);

        given().auth().oauth2(Tokens.of("platform-admin")).post(Stack.GATEWAY + "/admin/v1/partners/" + id + "/disable").then().statusCode(200)
                .body("enabled", equalTo(false));
        // at once, with no waiting: the token it still holds is refused by the gateway, and by tracking-service
        given().auth().oauth2(token).get(Stack.GATEWAY + "/api/v1/shipments/" + number).then().statusCode(403)
                .contentType("application/problem+json");
        Relayed.as(id).get(Stack.TRACKING + "/api/v1/shipments/" + number).then().statusCode(403)
                .contentType("application/problem+json").body("detail", equalTo("This partner account is disabled."));
        // and its client gets no new token (the change went through its own registration access token)
        given().formParam("grant_type", "client_credentials").auth().preemptive().basic("partner-" + id, secret)
                .post(Stack.ISSUER + "/protocol/openid-connect/token").then().statusCode(401);
    }

    /** The onboarding account may register clients, nothing more: no other client's secret, no client list, no admin API. */
    @Test
    void theOnboardingAccountCannotReadAnyoneElsesSecret() {
        String onboarding = Tokens.of("partner-gateway-admin");
        String notification = KeycloakAdmin.clientUuid("notification-service");
        List<Response> attempts = List.of(
                given().auth().oauth2(onboarding).get(Stack.KEYCLOAK + "/admin/realms/trackguard/clients/" + notification + "/client-secret"),
                given().auth().oauth2(onboarding).get(Stack.KEYCLOAK + "/admin/realms/trackguard/clients/" + notification),
                given().auth().oauth2(onboarding).get(Stack.KEYCLOAK + "/admin/realms/trackguard/clients"),
                given().auth().oauth2(onboarding).get(Stack.KEYCLOAK + "/realms/trackguard/clients-registrations/default/notification-service"));
        for (Response r : attempts) {
            assertEquals(403, r.statusCode(), r.asString());
            assertFalse(r.asString().contains("demo-only-notification-service-secret"), r.asString());
        }
        // while the realm's administrator does see it: the refusal is about the account, not the path
        given().auth().oauth2(KeycloakAdmin.adminToken()).get(Stack.KEYCLOAK + "/admin/realms/trackguard/clients/" + notification + "/client-secret")
                .then().statusCode(200).body("value", equalTo("demo-only-notification-service-secret"));
        // nor may it register a client that gets realm roles (the gateway's partner-relay, say)
        given().auth().oauth2(onboarding).contentType(ContentType.JSON)
                .body(Map.of("clientId", "partner-e2e-relay-" + UUID.randomUUID().toString().substring(0, 6), "serviceAccountsEnabled", true,
                        "protocolMappers", List.of(Map.of("name", "r", "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-role-mapper",
                                "config", Map.of("role", "partner-relay")))))
                .post(Stack.KEYCLOAK + "/realms/trackguard/clients-registrations/default").then().statusCode(403);
        // and nobody registers anonymously
        given().contentType(ContentType.JSON).body(Map.of("clientId", "anonymous-" + UUID.randomUUID(), "serviceAccountsEnabled", true))
                .post(Stack.KEYCLOAK + "/realms/trackguard/clients-registrations/default").then().statusCode(403);
    }

    @Test
    void onlyPartnerAdminsOnboardAndSensitivityMustBeSaid() {
        given().auth().oauth2(Tokens.acme()).contentType(ContentType.JSON).body(partner("sneaky", "Sneaky"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(403);
        given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON).body(partner("Bad Id!", "x"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(400);
        given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON)
                .body(Map.of("id", "nope-plan", "displayName", "x", "sensitive", false, "plan", "platinum", "privacyContact", "p@x.example"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(400);
        given().auth().oauth2(Tokens.of("platform-admin")).contentType(ContentType.JSON)
                .body(Map.of("id", "unsaid", "displayName", "x", "plan", "standard", "privacyContact", "p@x.example"))
                .post(Stack.GATEWAY + "/admin/v1/partners").then().statusCode(400).body("errors.field", hasItem("sensitive"));
    }

    @Test
    void theDemoPartnersHavePrivacyContacts() {
        for (String id : List.of("ocs", "acme")) {
            given().auth().oauth2(Tokens.of("notification-service")).get(Stack.GATEWAY + "/internal/v1/partners/" + id).then().statusCode(200)
                    .body("privacyContact", equalTo("privacy@" + id + ".example"));
        }
        given().auth().oauth2(Tokens.of("notification-service")).get(Stack.GATEWAY + "/internal/v1/partners/nobody").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
