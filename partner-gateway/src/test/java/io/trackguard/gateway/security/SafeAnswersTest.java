package io.trackguard.gateway.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trackguard.gateway.shipment.Tokens;
import io.trackguard.gateway.shipment.TrackingServiceStandIn;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, items 2 and 3: every kind of answer carries the security headers, no-store and HSTS;
 * health, metrics, the whole OpenAPI document and Swagger UI are on the management port, and the
 * partner port serves the partner document only.
 */
@QuarkusTest
@QuarkusTestResource(TrackingServiceStandIn.class)
class SafeAnswersTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    static void assertSafe(String what, Response r) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
        assertEquals("DENY", r.header("X-Frame-Options"), what);
        assertEquals("default-src 'none'; frame-ancestors 'none'; base-uri 'none'", r.header("Content-Security-Policy"), what);
        assertEquals("no-referrer", r.header("Referrer-Policy"), what);
        assertEquals("no-store", r.header("Cache-Control"), what + " " + r.statusCode());
        assertEquals("max-age=31536000; includeSubDomains", r.header("Strict-Transport-Security"), what);
        assertEquals("https://partners.trackguard.example", r.header("Access-Control-Allow-Origin"), what);
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeadersAndNoStore() {
        String token = Tokens.partner("acme");
        String key = UUID.randomUUID().toString();
        Map<String, Object> shipment = Map.of("orderReference", "ORD-" + key, "productCategory", "apparel");
        Map<String, Response> answers = new LinkedHashMap<>();
        answers.put("create (201)", given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(shipment).post("/api/v1/shipments"));
        String number = answers.get("create (201)").path("trackingNumber");
        answers.put("idempotent replay (201)", given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(shipment).post("/api/v1/shipments"));
        answers.put("partner read (200)", given().auth().oauth2(token).get("/api/v1/shipments/" + number));
        answers.put("partner list (200)", given().auth().oauth2(token).get("/api/v1/shipments"));
        answers.put("events (200)", given().auth().oauth2(token).get("/api/v1/shipments/" + number + "/events"));
        answers.put("webhooks (200)", given().auth().oauth2(token).get("/api/v1/webhooks"));
        answers.put("another partner's (404)", given().auth().oauth2(Tokens.partner("ocs")).get("/api/v1/shipments/" + number));
        answers.put("bad number (400)", given().auth().oauth2(token).get("/api/v1/shipments/" + "A".repeat(60)));
        answers.put("no token (401)", given().get("/api/v1/shipments/" + number));
        answers.put("not a partner (403)", given().auth().oauth2(Tokens.fromAnotherClientForTests()).get("/api/v1/shipments/" + number));
        answers.put("unknown path (404)", given().get("/nothing/here"));
        answers.put("wrong method (405)", given().auth().oauth2(token).delete("/api/v1/shipments"));
        answers.put("body too large (413)", given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"x\":\"" + "a".repeat(200_000) + "\"}").post("/api/v1/shipments"));
        answers.put("partner API document (200)", given().get("/api/v1/openapi.json"));
        answers.forEach(SafeAnswersTest::assertSafe);
        assertEquals(List.of(201, 201, 200, 200, 200, 200, 404, 400, 401, 403, 404, 405, 413, 200),
                answers.values().stream().map(Response::statusCode).toList());
        assertEquals("true", answers.get("idempotent replay (201)").header("Idempotent-Replayed"));
    }

    @Test
    void theManagementPortHasHealthMetricsTheWholeDocumentAndSwaggerUiAndThePartnerPortNone() {
        String root = management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            assertEquals(404, given().get(path).statusCode(), "partner port " + path);
            assertEquals(200, given().get(root + path).statusCode(), "management " + root + path);
        }
        String whole = given().get(root + "/q/openapi?format=json").asString();
        assertTrue(whole.contains("/internal/v1/partners/{id}") && whole.contains("/admin/v1/partners"), whole);

        String partners = given().get("/api/v1/openapi.json").then().statusCode(200).contentType("application/json").extract().asString();
        assertTrue(partners.contains("/api/v1/shipments/{trackingNumber}/recipient-link") && partners.contains("partner-oauth2"), partners);
        assertFalse(partners.contains("/internal/") || partners.contains("/admin/") || partners.contains("service-oauth2")
                || partners.contains("admin-oauth2"), "the partner document names nothing but the partner API");
    }
}
