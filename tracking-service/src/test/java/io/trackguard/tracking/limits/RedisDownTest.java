package io.trackguard.tracking.limits;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.trackguard.tracking.recipient.RecipientSession;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away mid-test. Public status lookups keep working under the conservative
 * in-process limit; verification and every detailed view fail closed with a 503 problem.
 */
@QuarkusTest
@TestProfile(RedisDownTest.OwnRedis.class)
class RedisDownTest {

    /** A profile of its own, so that killing this Redis leaves the other tests' Redis alone. */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(SpareRedis.class));
        }
    }

    @Inject
    ShipmentFixtures fixtures;

    @Test
    void publicLookupsGoOnAndEverythingDetailedFailsClosed() throws Exception {
        String number = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        String address = Clients.freshAddress();
        String session = Clients.from(address).contentType(ContentType.JSON).body(Map.of("postalCode", "M5H1A1"))
                .post("/api/v1/track/" + number + "/verify").then().statusCode(200).extract().path("session");
        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details").then().statusCode(200);

        SpareRedis.kill();

        Clients.from(address).get("/api/v1/track/" + number).then().statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .header("RateLimit", notNullValue());
        Clients.from(address).contentType(ContentType.JSON).body(Map.of("postalCode", "M5H1A1"))
                .post("/api/v1/track/" + number + "/verify").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue());
        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details").then().statusCode(503)
                .contentType("application/problem+json");
        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/accesses").then().statusCode(503);

        // the in-process limit is conservative: a fifth of the burst of 20
        int answered = 0;
        for (int i = 0; i < 10; i++) {
            answered += Clients.from(Clients.freshAddress().replaceAll("\\.\\d+$", ".7")).get("/api/v1/track/" + number).statusCode() == 200 ? 1 : 0;
        }
        String one = Clients.freshAddress();
        String another = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        int fromOne = 0;
        for (int i = 0; i < 10; i++) {
            fromOne += Clients.from(one).get("/api/v1/track/" + another).statusCode() == 200 ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertEquals(4, fromOne, "one client gets the degraded burst of 4");
        org.junit.jupiter.api.Assertions.assertTrue(answered > 0);
    }
}
