package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every partner endpoint, at partner-gateway (with the other partner's real token) and at
 * tracking-service (as the gateway calls it, naming the other partner), in both directions
 * (acme on ocs's objects and ocs on acme's): always 404 (or an empty list), nothing of the owner's
 * in any body or header, and the shipment unchanged by a refused cancel.
 */
@ExtendWith(Stack.class)
class TenantIsolationIT {

    /** A partner's real objects: a shipment made alone, one made in a batch, a webhook, and words only it may see. */
    record Owned(String partner, String token, String single, String batched, String webhook, List<String> secrets) {
    }

    static Owned objectsOf(String partner, String token, String name) {
        String key = UUID.randomUUID().toString();
        String reference = partner.toUpperCase() + "-SECRET-" + key;
        String single = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Shipments.body(reference)).post(Stack.GATEWAY + "/api/v1/shipments").then().statusCode(201).extract().path("trackingNumber");
        String batchReference = partner.toUpperCase() + "-BATCH-" + key;
        String batched = given().urlEncodingEnabled(false).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", "batch-" + key).body(Map.of("shipments", List.of(Shipments.body(batchReference))))
                .post(Stack.GATEWAY + "/api/v1/shipments:batch").then().statusCode(200).extract().path("results[0].shipment.trackingNumber");
        String webhook = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "https://" + partner + "-secret.example/hooks")).post(Stack.GATEWAY + "/api/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        return new Owned(partner, token, single, batched, webhook,
                List.of(reference, batchReference, partner + "-secret.example", name, "\"" + partner + "\"", "whsec_", "Jane Roe"));
    }

    @Test
    void acmeNeverSeesOrTouchesOcsData() {
        refusedEverywhere(objectsOf("ocs", Tokens.ocs(), "Ontario"), "acme", Tokens.acme());
    }

    @Test
    void ocsNeverSeesOrTouchesAcmeData() {
        refusedEverywhere(objectsOf("acme", Tokens.acme(), "Acme"), "ocs", Tokens.ocs());
    }

    private static void refusedEverywhere(Owned owner, String other, String otherToken) {
        Map<String, Supplier<Response>> notFound = new LinkedHashMap<>();
        for (String number : List.of(owner.single(), owner.batched())) {
            Map<String, Supplier<RequestSpecification>> callers = Map.of(
                    "gateway", () -> given().auth().oauth2(otherToken),
                    "tracking-service", () -> Relayed.as(other));
            for (Map.Entry<String, Supplier<RequestSpecification>> c : callers.entrySet()) {
                String base = c.getKey().equals("gateway") ? Stack.GATEWAY : Stack.TRACKING;
                notFound.put(c.getKey() + " GET " + number, () -> c.getValue().get().get(base + "/api/v1/shipments/" + number));
                notFound.put(c.getKey() + " GET events " + number, () -> c.getValue().get().get(base + "/api/v1/shipments/" + number + "/events"));
                notFound.put(c.getKey() + " POST cancel " + number, () -> c.getValue().get().post(base + "/api/v1/shipments/" + number + "/cancel"));
            }
        }
        notFound.put("gateway DELETE webhook", () -> given().auth().oauth2(otherToken).delete(Stack.GATEWAY + "/api/v1/webhooks/" + owner.webhook()));
        notFound.put("gateway rotate webhook secret",
                () -> given().auth().oauth2(otherToken).post(Stack.GATEWAY + "/api/v1/webhooks/" + owner.webhook() + "/rotate-secret"));
        for (Map.Entry<String, Supplier<Response>> call : notFound.entrySet()) {
            Response r = call.getValue().get();
            assertEquals(404, r.statusCode(), call.getKey() + ": " + r.asString());
            assertClean(call.getKey(), r, owner.secrets());
        }

        for (String reference : owner.secrets().subList(0, 2)) {
            Response viaGateway = given().auth().oauth2(otherToken).queryParam("reference", reference).get(Stack.GATEWAY + "/api/v1/shipments");
            Response direct = Relayed.as(other).queryParam("reference", reference).get(Stack.TRACKING + "/api/v1/shipments");
            for (Response list : List.of(viaGateway, direct)) {
                assertEquals(200, list.statusCode(), list.asString());
                assertEquals(0, list.jsonPath().getList("items").size(), reference);
                assertClean("list " + reference, list, owner.secrets());
            }
        }
        Response hooks = given().auth().oauth2(otherToken).get(Stack.GATEWAY + "/api/v1/webhooks");
        assertEquals(200, hooks.statusCode());
        assertClean("webhook list", hooks, owner.secrets());

        // the same Idempotency-Key and body from the other partner is its own new shipment, never the owner's replayed
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Shipments.body("SAME-" + key);
        String mine = given().auth().oauth2(owner.token()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(Stack.GATEWAY + "/api/v1/shipments").then().statusCode(201).extract().path("trackingNumber");
        Response replay = given().auth().oauth2(otherToken).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(Stack.GATEWAY + "/api/v1/shipments");
        assertEquals(201, replay.statusCode(), replay.asString());
        assertEquals(other, replay.path("partnerId"));
        assertNotEquals(mine, replay.path("trackingNumber"));

        // and the owner still has everything, unchanged by the refused cancels
        for (String number : List.of(owner.single(), owner.batched())) {
            given().auth().oauth2(owner.token()).get(Stack.GATEWAY + "/api/v1/shipments/" + number).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("CREATED"));
        }
        given().auth().oauth2(owner.token()).get(Stack.GATEWAY + "/api/v1/webhooks").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(owner.webhook()));
    }

    private static void assertClean(String what, Response r, List<String> secrets) {
        String everything = r.asString() + " " + r.headers().toString();
        for (String secret : secrets) {
            assertFalse(everything.contains(secret), what + " carries " + secret + ": " + everything);
        }
    }
}
