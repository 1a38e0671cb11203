package io.trackguard.tracking.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.OtherReplica;
import io.trackguard.ratelimit.RateLimiterConfig;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * A client that alternates between two replicas gets what it would get from one. Replica A is
 * this service, answering public lookups over HTTP; replica B is another limiter with the
 * same configuration and Redis connections of its own, deciding the same client's lookup
 * limit as B's public lookup would.
 */
@QuarkusTest
class ReplicasShareLimitsTest {

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    Policies policies;
    @Inject
    RateLimiterConfig config;
    @Inject
    Vertx vertx;

    @Test
    void aClientAlternatingTwoReplicasGetsOneBurstOfLookups() throws Exception {
        String address = Clients.freshAddress();
        String actor = pseudonyms.address(InetAddress.getByName(address));
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        int answered = 0;
        try (OtherReplica b = OtherReplica.open(vertx, config)) {
            for (int i = 0; i < 40; i++) {
                if (i % 2 == 0) {
                    int status = Clients.from(address).get("/api/v1/track/" + number).statusCode();
                    assertTrue(status == 200 || status == 429, "lookup " + i + ": " + status);
                    answered += status == 200 ? 1 : 0;
                } else {
                    LimitDecision d = b.limiter().decide(LimitCheck.of(policies.lookupsPerClient(), actor));
                    assertFalse(d.degraded(), "replica B asks Redis");
                    answered += d.allowed() ? 1 : 0;
                }
            }
        }
        assertEquals(20, answered, "the burst of one client is 20 lookups, whichever replica answers");
    }
}
