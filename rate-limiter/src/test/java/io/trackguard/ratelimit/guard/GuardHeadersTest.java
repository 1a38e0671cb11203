package io.trackguard.ratelimit.guard;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one response filter: the RateLimit fields on a success, on the guard's own refusal, on a
 * problem an exception mapper answers after admission, and on one the Vert.x failure handler answers.
 */
@QuarkusTest
class GuardHeadersTest {

    @Test
    void successesAndRefusalsCarryTheFields() {
        String subject = UUID.randomUUID().toString();
        get("/guarded/" + subject).then().statusCode(200)
                .header("RateLimit-Policy", "\"two\";q=2;w=60")
                .header("RateLimit", matchesPattern("\"two\";r=1;t=\\d+"))
                .header("Retry-After", nullValue());
        get("/guarded/" + subject + "/missing").then().statusCode(404)
                .contentType("application/problem+json")
                .header("RateLimit", matchesPattern("\"two\";r=0;t=\\d+"));
        get("/guarded/" + subject).then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trackguard:problem:rate-limited"))
                .body("title", equalTo("Too many requests"))
                .body("detail", matchesPattern("Slow down: try again in \\d+ seconds\\."))
                .header("RateLimit-Policy", "\"two\";q=2;w=60")
                .header("RateLimit", matchesPattern("\"two\";r=0;t=\\d+"))
                .header("Retry-After", matchesPattern("[1-9]\\d*"));
    }

    @Test
    void anAnswerOfTheFailureHandlerCarriesThemToo() {
        get("/guarded-route").then().statusCode(500)
                .contentType("application/problem+json")
                .header("RateLimit", "\"two\";r=1;t=30");
    }

    @Test
    void anUnlimitedRequestCarriesNone() {
        get("/q/health-not-here").then().header("RateLimit", nullValue()).header("RateLimit-Policy", nullValue());
    }
}
