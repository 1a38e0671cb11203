package io.trackguard.notification.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.RateLimitPolicy;
import io.trackguard.ratelimit.RateLimiter;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The officers' API goes through the rate-limiter's guard: the RateLimit fields on a success and
 * on a problem answered after admission, and the 429 in the officers' API's own words.
 */
@QuarkusTest
@TestSecurity(user = "olga.officer", roles = "privacy-officer")
class OfficerLimitTest {

    @Inject
    RateLimiter limiter;

    @Test
    void successesAndTheRefusalCarryTheFields() {
        given().get("/api/v1/incidents").then().statusCode(200)
                .header("RateLimit-Policy", "\"officer-api\";q=20;w=1")
                .header("RateLimit", matchesPattern("\"officer-api\";r=\\d+;t=\\d+"))
                .header("Retry-After", nullValue());
        given().get("/api/v1/incidents/" + UUID.randomUUID()).then().statusCode(404)
                .header("RateLimit", matchesPattern("\"officer-api\";r=\\d+;t=\\d+"));

        // The officer's key, pushed an hour ahead by a policy of the same name with an hour per request (and a
        // tolerance of an hour, so this push is always admitted): GCRA keeps the time of the next allowance, so the
        // next request is refused however fast or slow this machine is.
        assertTrue(limiter.decide(LimitCheck.of(RateLimitPolicy.rate("officer-api", 1, Duration.ofHours(1), 2), "officer:olga.officer"))
                .allowed());
        given().get("/api/v1/incidents").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trackguard:problem:rate-limited"))
                .body("title", equalTo("Too many requests"))
                .body("detail", matchesPattern("Try again in \\d+ seconds\\."))
                .header("RateLimit-Policy", "\"officer-api\";q=20;w=1")
                .header("RateLimit", matchesPattern("\"officer-api\";r=0;t=\\d+"))
                .header("Retry-After", matchesPattern("[1-9]\\d*"));
    }
}
