package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every partner endpoint, at partner-gateway and at tracking-service, with partner-acme's
 * real token on partner-ocs's objects: always 404 (or an empty list), and nothing of ocs's
 * in any body or header.
 */
@ExtendWith(Stack.class)
class TenantIsolationIT {

    @Test
    void acmeNeverSeesOrTouchesOcsData() {
        String key = UUID.randomUUID().toString();
        String reference = "OCS-SECRET-" + key;
        Map<String, Object> body = Shipments.body(reference);
        String number = given().auth().oauth2(Tokens.ocs()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(Stack.GATEWAY + "/api/v1/shipments").then().statusCode(201).extract().path("trackingNumber");
        String webhook = given().auth().oauth2(Tokens.ocs()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://ocs-secret.example/hooks")).post(Stack.GATEWAY + "/api/v1/webhooks")
                .then().statusCode(201).extract().path("id");

        String acme = Tokens.acme();
        Map<String, Function<String, Response>> notFound = new java.util.LinkedHashMap<>();
        for (String base : List.of(Stack.GATEWAY, Stack.TRACKING)) {
            notFound.put(base + " GET shipment", b -> given().auth().oauth2(acme).get(b + "/api/v1/shipments/" + number));
            notFound.put(base + " GET events", b -> given().auth().oauth2(acme).get(b + "/api/v1/shipments/" + number + "/events"));
            notFound.put(base + " POST cancel", b -> given().auth().oauth2(acme).post(b + "/api/v1/shipments/" + number + "/cancel"));
        }
        notFound.put("gateway DELETE webhook", b -> given().auth().oauth2(acme).delete(Stack.GATEWAY + "/api/v1/webhooks/" + webhook));
        notFound.put("gateway rotate webhook secret", b -> given().auth().oauth2(acme).post(Stack.GATEWAY + "/api/v1/webhooks/" + webhook + "/rotate-secret"));
        for (Map.Entry<String, Function<String, Response>> call : notFound.entrySet()) {
            String base = call.getKey().startsWith(Stack.TRACKING) ? Stack.TRACKING : Stack.GATEWAY;
            Response r = call.getValue().apply(base);
            assertEquals(404, r.statusCode(), call.getKey() + ": " + r.asString());
            assertClean(call.getKey(), r, reference);
        }

        for (String base : List.of(Stack.GATEWAY, Stack.TRACKING)) {
            Response list = given().auth().oauth2(acme).queryParam("reference", reference).get(base + "/api/v1/shipments");
            assertEquals(200, list.statusCode(), list.asString());
            assertEquals(0, list.jsonPath().getList("items").size(), base + " list");
            assertClean(base + " list", list, reference);
        }
        Response hooks = given().auth().oauth2(acme).get(Stack.GATEWAY + "/api/v1/webhooks");
        assertEquals(200, hooks.statusCode());
        assertClean("webhook list", hooks, reference);

        // the same Idempotency-Key and body from acme is acme's own new shipment, never ocs's replayed
        Response replay = given().auth().oauth2(acme).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(Stack.GATEWAY + "/api/v1/shipments");
        assertEquals(201, replay.statusCode(), replay.asString());
        assertEquals("acme", replay.path("partnerId"));
        assertFalse(number.equals(replay.path("trackingNumber")));

        // and ocs still has everything
        given().auth().oauth2(Tokens.ocs()).get(Stack.GATEWAY + "/api/v1/shipments/" + number).then().statusCode(200);
        given().auth().oauth2(Tokens.ocs()).get(Stack.GATEWAY + "/api/v1/webhooks").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(webhook));
    }

    private static void assertClean(String what, Response r, String reference) {
        String everything = r.asString() + " " + r.headers().toString();
        for (String secret : List.of(reference, "ocs-secret.example", "Ontario", "Jane Roe", "\"ocs\"", "whsec_")) {
            assertFalse(everything.contains(secret), what + " carries " + secret + ": " + everything);
        }
    }
}
