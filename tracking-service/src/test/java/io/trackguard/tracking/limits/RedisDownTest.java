package io.trackguard.tracking.limits;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trackguard.testsupport.SpareRedis;
import io.trackguard.tracking.abuse.AbuseConfig;
import io.trackguard.tracking.recipient.RecipientSession;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Redis hangs, then goes away, mid-test. Public status lookups keep working under the
 * conservative in-process limit; verification and every detailed view fail closed with a 503
 * problem; an actor blocked before stays blocked, from this replica's copy of recent blocks.
 */
@QuarkusTest
@TestProfile(RedisDownTest.OwnRedis.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisDownTest {

    /** A profile of its own, so that stopping this Redis leaves the other tests' Redis alone. */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SpareRedis.class));
        }
    }

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AbuseConfig abuse;

    /** A service that waited on a hung Redis for good would hang this test: give up long before, and fail. */
    @BeforeAll
    static void neverWaitForever() {
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 15_000).setParam("http.connection.timeout", 5_000));
    }

    @AfterAll
    static void restore() {
        RestAssured.config = RestAssuredConfig.config();
    }

    @Test
    @Order(1)
    void aHungRedisTimesOutPublicLookupsGoOnAndBlockedActorsStayBlocked() throws Exception {
        String number = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        String scraper = Clients.freshAddress();
        for (int i = 0; i < abuse.distinctNumbers(); i++) {
            Clients.from(scraper).get("/api/v1/track/" + fixtures.create(ShipmentFixtures.OTHER_PARTNER)).then().statusCode(200);
        }
        String oneMore = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        Clients.from(scraper).get("/api/v1/track/" + oneMore).then().statusCode(429);

        SpareRedis.pause();
        try {
            // the first request waits for Redis until the limiter's timeout, then decides in process
            String visitor = Clients.freshAddress();
            Clients.from(visitor).get("/api/v1/track/" + number).then().statusCode(200)
                    .body("status", equalTo("DELIVERED"))
                    .header("RateLimit", notNullValue());
            verify(Clients.from(visitor), number).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue());
            // the scraper is still blocked: Redis cannot say so, this replica remembers
            for (String n : List.of(number, oneMore)) {
                Clients.from(scraper).get("/api/v1/track/" + n).then().statusCode(429)
                        .body("type", equalTo("urn:trackguard:problem:rate-limited"))
                        .header("Retry-After", notNullValue());
            }
        } finally {
            SpareRedis.resume();
        }
    }

    @Test
    @Order(2)
    void aStoppedRedisLeavesPublicLookupsOnAndEverythingDetailedFailsClosed() throws Exception {
        String number = fixtures.createDelivered(ShipmentFixtures.OTHER_PARTNER);
        String address = Clients.freshAddress();
        String session = awaitRedis(() -> verify(Clients.from(address), number)).then().statusCode(200).extract().path("session");
        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details").then().statusCode(200);

        SpareRedis.kill();

        Clients.from(address).get("/api/v1/track/" + number).then().statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .header("RateLimit", notNullValue());
        verify(Clients.from(address), number).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue());
        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/details").then().statusCode(503)
                .contentType("application/problem+json");
        Clients.from(address).header(RecipientSession.HEADER, session).get("/api/v1/track/" + number + "/accesses").then().statusCode(503);

        // the in-process limit is conservative: a fifth of the burst of 20
        String one = Clients.freshAddress();
        String another = fixtures.create(ShipmentFixtures.OTHER_PARTNER);
        int fromOne = 0;
        for (int i = 0; i < 10; i++) {
            fromOne += Clients.from(one).get("/api/v1/track/" + another).statusCode() == 200 ? 1 : 0;
        }
        assertEquals(4, fromOne, "one client gets the degraded burst of 4");
        assertTrue(Clients.fresh().get("/api/v1/track/" + another).statusCode() == 200, "another client gets its own");
    }

    private static Response verify(RequestSpecification client, String number) {
        return client.contentType(ContentType.JSON).body(Map.of("postalCode", "M5H1A1")).post("/api/v1/track/" + number + "/verify");
    }

    /** After the hang, the limiter asks Redis again once its pause after a failure is over. */
    private static Response awaitRedis(Supplier<Response> call)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        Response r = call.get();
        while (r.statusCode() == 503 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            r = call.get();
        }
        return r;
    }
}
