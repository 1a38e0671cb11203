package io.trackguard.tracking.limits;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The public lookup's limits as a client sees them: a burst of 20 lookups (refilled over 10 minutes in tests), 5 misses. */
@QuarkusTest
class PublicLimitsTest {

    @Inject
    ShipmentFixtures fixtures;

    @Test
    void successfulAnswersCarryTheRateLimitFields() {
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200)
                .header("RateLimit-Policy", matchesPattern(".*\"lookups\";q=60;w=600, \"misses\";q=10;w=600, \"number\";q=300;w=3600.*"))
                .header("RateLimit", matchesPattern("\"\\w+\";r=\\d+;t=\\d+"));
    }

    @Test
    void aClientPastItsBurstGets429WithRetryAfterAndLaterTriesAreAuditedAsLimited() {
        String address = Clients.freshAddress();
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        int ok = 0;
        int status = 200;
        while (status == 200 && ok < 100) {
            status = Clients.from(address).get("/api/v1/track/" + number).statusCode();
            ok += status == 200 ? 1 : 0;
        }
        assertEquals(20, ok, "the burst of one client is 20 lookups");
        Clients.from(address).get("/api/v1/track/" + number).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header("RateLimit", matchesPattern("\"lookups\";r=0;t=\\d+"))
                .body("type", equalTo("urn:trackguard:problem:rate-limited"));
        // another client is not affected
        Clients.fresh().get("/api/v1/track/" + number).then().statusCode(200);
    }

    @Test
    void missesAreLimitedSooner() {
        String address = Clients.freshAddress();
        for (int i = 0; i < 5; i++) {
            Clients.from(address).get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(404);
        }
        Clients.from(address).get("/api/v1/track/" + ShipmentFixtures.unknownNumber()).then().statusCode(429)
                .header("RateLimit", matchesPattern("\"misses\";r=0;t=\\d+"));
        // even a real number is refused to this client now: misses gate every lookup
        Clients.from(address).get("/api/v1/track/" + fixtures.create(ShipmentFixtures.OTHER_PARTNER)).then().statusCode(429);
    }

    @Test
    void theLeftMostForwardedAddressIsTheClientsClaimAndChangesNothing() {
        String address = Clients.freshAddress();
        String number = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        for (int i = 0; i < 20; i++) {
            // a client rotating a forged first hop is still the same client: the proxy's hop is the right-most
            Clients.from("203.0.113." + i + ", " + address).get("/api/v1/track/" + number).then().statusCode(200);
        }
        Clients.from("203.0.113.99, " + address).get("/api/v1/track/" + number).then().statusCode(429);
    }
}
