package io.trackguard.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookResourceTest {

    static String partner(String id) {
        return Jwt.issuer("urn:trackguard:test-issuer").audience("trackguard-gateway").subject("sa-" + id).claim("azp", "partner-" + id)
                .claim("partner_id", id).claim("scope", "webhooks:manage shipments:read").expiresIn(300).sign();
    }

    static String notificationService() {
        return Jwt.issuer("urn:trackguard:test-issuer").audience("trackguard-gateway").subject("sa-notification")
                .groups(Set.of("incident-responder")).expiresIn(300).sign();
    }

    static io.restassured.specification.RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void aSubscriptionShowsItsSecretOnceAndOnlyToItsPartner() {
        Map<String, Object> created = as(partner("ocs")).body(Map.of("url", "https://ocs.example/hooks", "events", List.of("shipment.delivered")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("secret", startsWith("whsec_")).body("events", equalTo(List.of("shipment.delivered")))
                .extract().as(Map.class);
        String id = (String) created.get("id");
        as(partner("ocs")).get("/api/v1/webhooks").then().statusCode(200)
                .body("id", hasItem(id)).body("find { it.id == '" + id + "' }.secret", nullValue());
        String others = as(partner("acme")).get("/api/v1/webhooks").then().statusCode(200).extract().asString();
        assertFalse(others.contains(id) || others.contains("ocs.example"), others);
        as(partner("acme")).delete("/api/v1/webhooks/" + id).then().statusCode(404);
        as(partner("acme")).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(404);

        String rotated = as(partner("ocs")).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .body("secret", startsWith("whsec_")).extract().path("secret");
        assertNotEquals(created.get("secret"), rotated);

        Map<String, Object> delivery = given().auth().oauth2(notificationService()).queryParam("partner", "ocs")
                .queryParam("event", "shipment.delivered").get("/internal/v1/webhooks").then().statusCode(200)
                .extract().jsonPath().getMap("find { it.id == '" + id + "' }");
        assertEquals(rotated, delivery.get("secret"), "notification-service gets the current secret to sign with");
        assertEquals(created.get("secret"), delivery.get("previousSecret"), "and the one it replaced, for the rotation's overlap");
        String rotatedAgain = as(partner("ocs")).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        String afterTwo = given().auth().oauth2(notificationService()).queryParam("partner", "ocs").get("/internal/v1/webhooks")
                .then().statusCode(200).extract().asString();
        assertFalse(afterTwo.contains((String) created.get("secret")), "the first secret is gone after the second rotation");
        assertEquals(true, afterTwo.contains(rotatedAgain) && afterTwo.contains(rotated));
        given().auth().oauth2(partner("ocs")).queryParam("partner", "ocs").get("/internal/v1/webhooks").then().statusCode(403);

        as(partner("ocs")).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as(partner("ocs")).delete("/api/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void onlyHttpsAndKnownEvents() {
        for (String url : List.of("http://ocs.example/hooks", "http://127.0.0.1:9000/hooks", "ftp://ocs.example", "https://user:pw@ocs.example/x",
                "not a url", "https:///nohost")) {
            as(partner("ocs")).body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        as(partner("ocs")).body(Map.of("url", "https://ocs.example/h", "events", List.of("shipment.teleported")))
                .post("/api/v1/webhooks").then().statusCode(400);
        as(partner("ocs")).body(Map.of("url", "https://ocs.example/all")).post("/api/v1/webhooks").then().statusCode(201)
                .body("events", hasItem("shipment.cancelled")).body("events", hasItem("shipment.exception"));
        // a delivery problem (tracking-service's EXCEPTION status) can be subscribed to on its own
        as(partner("ocs")).body(Map.of("url", "https://ocs.example/problems", "events", List.of("shipment.exception")))
                .post("/api/v1/webhooks").then().statusCode(201).body("events", equalTo(List.of("shipment.exception")));
        as(partner("ocs")).delete("/api/v1/webhooks/not-a-uuid").then().statusCode(404);
    }

    /** The table of forms is WebhookTargetsTest; here, that the API refuses them before storing anything. */
    @Test
    void ourOwnNetworkIsRefusedAtSubscription() {
        for (String url : List.of("https://127.0.0.1/hooks", "https://localhost:8443/hooks", "https://[::1]/hooks", "https://10.0.0.8/hooks",
                "https://169.254.169.254/latest/meta-data/", "https://[fd00:ec2::254]/", "https://[::ffff:127.0.0.1]/hooks",
                "https://2130706433/hooks", "https://0x7f.0.0.1/hooks", "https://100.64.0.1/hooks", "https://224.0.0.1/hooks")) {
            as(partner("ocs")).body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", startsWith("url: "));
        }
        String stored = as(partner("ocs")).get("/api/v1/webhooks").then().statusCode(200).extract().asString();
        assertFalse(stored.contains("169.254") || stored.contains("127.0.0.1") || stored.contains("localhost"), stored);
    }

    @Test
    void theScopeIsRequired() {
        String noScope = Jwt.issuer("urn:trackguard:test-issuer").audience("trackguard-gateway").subject("sa-ocs")
                .claim("azp", "partner-ocs").claim("partner_id", "ocs").claim("scope", "shipments:read").expiresIn(300).sign();
        as(noScope).get("/api/v1/webhooks").then().statusCode(403);
        as(noScope).body(Map.of("url", "https://ocs.example/h")).post("/api/v1/webhooks").then().statusCode(403)
                .body(not(equalTo("")));
    }
}
