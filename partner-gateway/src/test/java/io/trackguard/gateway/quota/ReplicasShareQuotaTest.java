package io.trackguard.gateway.quota;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trackguard.gateway.partner.Partner;
import io.trackguard.gateway.shipment.Tokens;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.OtherReplica;
import io.trackguard.ratelimit.RateLimiterConfig;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A partner that alternates between two gateway replicas gets one plan's quota, not one per
 * replica. Replica A is this gateway over HTTP; replica B is another limiter with the same
 * configuration and Redis connections of its own, taking what B's quota would take.
 */
@QuarkusTest
class ReplicasShareQuotaTest {

    @Inject
    Quota quota;
    @Inject
    RateLimiterConfig config;
    @Inject
    Vertx vertx;

    @Test
    void aPartnerAlternatingTwoReplicasGetsOneDailyQuota() {
        String partner = "tiny-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> {
            Partner p = new Partner();
            p.id = partner;
            p.displayName = "Tiny Co";
            p.plan = "tiny"; // 3 requests a day in tests
            p.clientId = "partner-" + partner;
            p.enabled = true;
            p.createdAt = Instant.now();
            p.updatedAt = Instant.now();
            p.persist();
        });
        String token = Tokens.partner(partner);
        // Another partner's request first, so that Redis has every script of the path: a pipeline
        // in which only some scripts are missing counts the others twice (its EVAL retry resends
        // all of them), a cold-start flaw of the limiter that this test is not about.
        given().auth().oauth2(Tokens.partner("warm-" + UUID.randomUUID().toString().substring(0, 8)))
                .get("/api/v1/shipments/STANDIN1ABCDEFGH").then().statusCode(404);
        int admitted = 0;
        List<String> seen = new ArrayList<>();
        try (OtherReplica b = OtherReplica.open(vertx, config)) {
            for (int i = 0; i < 10; i++) {
                if (i % 2 == 0) {
                    Response r = given().auth().oauth2(token).get("/api/v1/shipments/STANDIN1ABCDEFGH");
                    int status = r.statusCode();
                    assertTrue(status == 404 || status == 429, "request " + i + ": " + status);
                    // a decision Redis did not answer would show the scaled-down in-process plan
                    assertTrue(r.header("RateLimit-Policy").contains("\"daily-tiny\";q=3;"), "replica A asks Redis: " + r.header("RateLimit-Policy"));
                    admitted += status == 404 ? 1 : 0; // admitted, and the stand-in knows no such shipment
                    seen.add("A:" + status + " " + r.header("RateLimit"));
                } else {
                    LimitDecision d = b.limiter().decide(quota.checks(partner, "tiny", 1));
                    assertFalse(d.degraded(), "replica B asks Redis");
                    admitted += d.allowed() ? 1 : 0;
                    seen.add("B:" + d.allowed() + " " + d.headers().get("RateLimit"));
                }
            }
        }
        assertEquals(3, admitted, "the plan's 3 a day, whichever replica admits them: " + seen);
    }
}
