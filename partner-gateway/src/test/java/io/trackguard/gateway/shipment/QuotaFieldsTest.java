package io.trackguard.gateway.shipment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.trackguard.ratelimit.Flags;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quota's fields come from the rate-limiter's guard and its one response filter: on a
 * success, on an answer the gateway's exception mappers make after the quota admitted the
 * request (whose own Retry-After stays), on the 429; a refusal is counted by kind.
 */
@QuarkusTest
@QuarkusTestResource(TrackingServiceStandIn.class)
class QuotaFieldsTest {

    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    MeterRegistry registry;
    @Inject
    Flags flags;

    @BeforeEach
    void reset() {
        TrackingServiceStandIn.reset();
        breakers.resetAll();
    }

    @Test
    void aSuccessAFailureAfterAdmissionAndTheRefusalCarryTheFields() {
        String partner = IdempotencyAndQuotaTest.tinyPartner();
        String token = Tokens.partner(partner);
        String number = IdempotencyAndQuotaTest.create(token, UUID.randomUUID().toString(),
                        IdempotencyAndQuotaTest.shipment("ORD-" + UUID.randomUUID()))
                .then().statusCode(201)
                .header("RateLimit-Policy", "\"quota-tiny\";q=100;w=1, \"daily-tiny\";q=3;w=86400")
                .header("RateLimit", startsWith("\"daily-tiny\";r=2;"))
                .header("Retry-After", nullValue())
                .extract().path("trackingNumber");

        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.FAILING;
        given().auth().oauth2(token).get("/api/v1/shipments/" + number).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5") // tracking-service's own wait, not the quota's
                .header("RateLimit", startsWith("\"daily-tiny\";r=1;"));
        TrackingServiceStandIn.mode = TrackingServiceStandIn.Mode.NORMAL;
        breakers.resetAll();

        given().auth().oauth2(token).get("/api/v1/shipments/" + number).then().statusCode(200)
                .header("RateLimit", startsWith("\"daily-tiny\";r=0;"));
        double limited = refusals("LIMITED");
        given().auth().oauth2(token).get("/api/v1/shipments/" + number).then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trackguard:problem:quota-exceeded"))
                .body("title", equalTo("Quota exceeded"))
                .body("detail", matchesPattern("Your plan's limit is reached; try again in \\d+ seconds\\."))
                .header("RateLimit-Policy", "\"quota-tiny\";q=100;w=1, \"daily-tiny\";q=3;w=86400")
                .header("RateLimit", startsWith("\"daily-tiny\";r=0;"))
                .header("Retry-After", matchesPattern("[1-9]\\d*"));
        assertEquals(limited + 1, refusals("LIMITED"), "the refusal is counted");
    }

    @Test
    void aDisabledPartnersRefusalCarriesNoQuotaFieldsAndIsCountedAsAVeto() {
        String partner = IdempotencyAndQuotaTest.tinyPartner();
        double vetoed = refusals("VETOED");
        flags.set(Flags.PARTNER_DISABLED, partner);
        given().auth().oauth2(Tokens.partner(partner)).get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(403)
                .body("detail", equalTo("This partner account is disabled."))
                .header("RateLimit", nullValue())
                .header("RateLimit-Policy", nullValue());
        assertEquals(vetoed + 1, refusals("VETOED"));
    }

    private double refusals(String kind) {
        return registry.counter("trackguard.refusals", "kind", kind).count();
    }
}
