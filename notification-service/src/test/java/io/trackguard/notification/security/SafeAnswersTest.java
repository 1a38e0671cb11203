package io.trackguard.notification.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URL;
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

    @TestHTTPResource(value = "/", management = true)
    URL management;

    static void assertSafe(String what, Response r) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
        assertEquals("DENY", r.header("X-Frame-Options"), what);
        assertEquals("default-src 'none'; frame-ancestors 'none'; base-uri 'none'", r.header("Content-Security-Policy"), what);
        assertEquals("no-referrer", r.header("Referrer-Policy"), what);
        assertEquals("no-store", r.header("Cache-Control"), what);
        assertEquals("max-age=31536000; includeSubDomains", r.header("Strict-Transport-Security"), what);
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        Map<String, Response> answers = new LinkedHashMap<>();
        answers.put("no token (401)", given().get("/api/v1/incidents"));
        answers.put("unknown path (404)", given().get("/nothing/here"));
        answers.put("wrong method (405)", given().delete("/api/v1/incidents"));
        answers.put("body too large (413)", given().contentType(ContentType.JSON).body("{\"x\":\"" + "a".repeat(70_000) + "\"}")
                .post("/api/v1/incidents"));
        answers.forEach(SafeAnswersTest::assertSafe);
        assertEquals(List.of(401, 404, 405, 413), answers.values().stream().map(Response::statusCode).toList());
    }

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void anAnswerWithIncidentsToo() {
        Response r = given().get("/api/v1/incidents");
        assertEquals(200, r.statusCode());
        assertSafe("incidents", r);
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void aForbiddenAnswerToo() {
        Response r = given().get("/api/v1/incidents");
        assertEquals(403, r.statusCode());
        assertSafe("403", r);
    }

    @Test
    void healthMetricsOpenApiAndSwaggerUiAreOnTheManagementPortOnly() {
        String root = management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            assertEquals(404, given().get(path).statusCode(), "public port " + path);
            assertEquals(200, given().get(root + path).statusCode(), "management " + root + path);
        }
        assertTrue(given().get(root + "/q/openapi").asString().contains("/api/v1/incidents"));
    }
}
