package io.trackguard.tracking.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.recipient.RecipientSession;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import io.trackguard.tracking.support.Relayed;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, items 2 and 3: every kind of answer carries the security headers, no-store and HSTS;
 * health, metrics, OpenAPI and Swagger UI are on the management port only.
 */
@QuarkusTest
class SafeAnswersTest {

    static final List<String> MANAGEMENT = List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui/");

    @Inject
    ShipmentFixtures fixtures;
    @TestHTTPResource(value = "/", management = true)
    URL management;

    static void assertSafe(String what, Response r) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
        assertEquals("DENY", r.header("X-Frame-Options"), what);
        assertTrue(String.valueOf(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'"), what);
        assertEquals("no-referrer", r.header("Referrer-Policy"), what);
        assertEquals("same-origin", r.header("Cross-Origin-Resource-Policy"), what);
        assertEquals("max-age=31536000; includeSubDomains", r.header("Strict-Transport-Security"), what);
    }

    static void assertNoStore(String what, Response r) {
        assertSafe(what, r);
        assertEquals("no-store", r.header("Cache-Control"), what + ": " + r.statusCode());
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeadersAndNoStore() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Map<String, Response> answers = new LinkedHashMap<>();
        answers.put("page", Clients.fresh().get("/"));
        answers.put("status page", Clients.fresh().queryParam("number", number).get("/track"));
        answers.put("public view", Clients.fresh().get("/api/v1/track/" + number));
        answers.put("unknown number (problem 404)", Clients.fresh().get("/api/v1/track/" + ShipmentFixtures.unknownNumber()));
        answers.put("bad number (problem 400)", Clients.fresh().get("/api/v1/track/ORD-1"));
        answers.put("unknown path (404)", given().get("/nothing/here"));
        answers.put("wrong method (405)", given().delete("/api/v1/track/" + number));
        answers.put("no token (401)", given().get("/api/v1/shipments/" + number));
        answers.put("body too large (413)", Clients.fresh().contentType(ContentType.JSON)
                .body("{\"postalCode\":\"" + "x".repeat(70_000) + "\"}").post("/api/v1/track/" + number + "/verify"));
        answers.forEach((what, r) -> {
            assertTrue(r.statusCode() > 0, what);
            assertNoStore(what, r);
        });
        assertEquals(List.of(200, 200, 200, 404, 400, 404, 405, 401, 413),
                answers.values().stream().map(Response::statusCode).toList());
    }

    @Test
    @TestSecurity(user = "service-account-carrier-operations", roles = "operations")
    void aForbiddenAnswerToo() {
        Response r = Relayed.as("ocs").get("/api/v1/shipments/" + fixtures.create(ShipmentFixtures.SENSITIVE_PARTNER));
        assertEquals(403, r.statusCode());
        assertNoStore("403", r);
    }

    @Test
    void verificationDetailsAndAccessesAreNeverStored() {
        String number = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        String address = Clients.freshAddress();
        Response verified = Clients.from(address).contentType(ContentType.JSON).body(Map.of("postalCode", "M5H1A1"))
                .post("/api/v1/track/" + number + "/verify");
        assertEquals(200, verified.statusCode(), verified.asString());
        assertNoStore("verify", verified);
        String session = verified.path("session");
        Response details = Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details");
        assertEquals(200, details.statusCode());
        assertNoStore("details", details);
        Response accesses = Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/accesses");
        assertEquals(200, accesses.statusCode());
        assertNoStore("accesses", accesses);
    }

    @Test
    @TestSecurity(user = Relayed.GATEWAY, roles = PartnerCaller.RELAY_ROLE, permissions = {"shipments:write", "shipments:read"})
    void partnerReadsAreNeverStored() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        for (Response r : List.of(Relayed.as("acme").get("/api/v1/shipments/" + number), Relayed.as("acme").get("/api/v1/shipments"),
                Relayed.as("acme").get("/api/v1/shipments/" + number + "/events"))) {
            assertEquals(200, r.statusCode());
            assertNoStore("partner read", r);
        }
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void theStaffViewIsNeverStored() {
        Response r = given().queryParam("reason", "Customer called about a missing parcel, ticket 4711")
                .get("/api/v1/staff/shipments/" + fixtures.create(ShipmentFixtures.OTHER_PARTNER));
        assertEquals(200, r.statusCode());
        assertNoStore("staff view", r);
    }

    @Test
    @TestSecurity(user = "service-account-notification-service", roles = "incident-responder")
    void exposuresAreNeverStored() {
        Response r = given().queryParam("actor", "ip:AAAAAAAAAAAAAAAA").queryParam("from", Instant.now().minusSeconds(60).toString())
                .queryParam("to", Instant.now().toString()).get("/internal/v1/exposures");
        assertEquals(200, r.statusCode(), r.asString());
        assertNoStore("exposures", r);
    }

    @Test
    void healthMetricsOpenApiAndSwaggerUiAreOnTheManagementPortOnly() {
        String root = management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
        for (String path : MANAGEMENT) {
            Response outside = given().get(path);
            assertEquals(404, outside.statusCode(), "public port " + path);
            assertTrue(!outside.asString().contains("openapi") && !outside.asString().contains("jvm_"), path);
            assertEquals(200, given().get(root + path).statusCode(), "management " + root + path);
        }
        assertTrue(given().get(root + "/q/openapi").asString().contains("/internal/v1/exposures"));
    }
}
