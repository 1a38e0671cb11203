package io.trackguard.gateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.gateway.shipment.Tokens;
import io.trackguard.testsupport.PhasedLoad;
import io.trackguard.testsupport.Readiness;
import io.trackguard.testsupport.SpareRedis;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The gateway's Redis (a server of the test's own) stopped, then frozen with SIGSTOP, while
 * partners read and create shipments (tracking-service is the module's stand-in, up throughout).
 * Partners are authenticated, so their quotas go on under the limiter's in-process fallback (a
 * fifth of the plan; a 429 there is the plan's answer, typed) and idempotency lives in
 * PostgreSQL: nothing fails while Redis is away. Readiness reports Redis down, no answer waits
 * longer than the Redis timeout plus a margin, and after Redis is back every request is answered
 * again without a restart.
 */
@QuarkusTest
@TestProfile(RedisFaultTest.OwnRedis.class)
class RedisFaultTest {

    /**
     * Its own Redis: stopping it leaves the other tests' Redis alone. tracking-service (the
     * stand-in) is not what fails here: its calls get room, so a slow first call on a loaded
     * machine never shows up as a 503 in the count.
     */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SpareRedis.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            String client = "quarkus.fault-tolerance.\"io.trackguard.gateway.shipment.TrackingServiceClient";
            return Map.of(client + "\".timeout.value", "5000", client + "/get\".timeout.value", "5000");
        }
    }

    /** Generous on purpose: the test JVM shares 2 cores with the service it loads and other builds. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    @ConfigProperty(name = "quarkus.redis.timeout")
    Duration redisTimeout;
    @TestHTTPResource("/api/v1/shipments")
    URL shipments;
    @TestHTTPResource(value = "/health/ready", management = true) // the management root is /q
    URL ready;

    @Test
    void stoppedOrFrozenRedisLeavesPartnersServedNeverSlowerThanItsTimeoutAndRecovers() throws Exception {
        Duration bound = redisTimeout.plus(MARGIN);
        String token = Tokens.partner("ocs");
        Readiness readiness = new Readiness(ready, bound.multipliedBy(2));
        PhasedLoad load = new PhasedLoad("before", bound.multipliedBy(2));
        readiness.await(200, RECOVERY);
        String number = create(token);
        try (load) {
            load.add("read", 2, () -> HttpRequest.newBuilder(URI.create(shipments + "/" + number)).header("Authorization", "Bearer " + token));
            load.add("create", 1, () -> HttpRequest.newBuilder(URI.create(shipments.toString())).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"orderReference\":\"ORD-" + UUID.randomUUID() + "\",\"productCategory\":\"apparel\"}")));
            load.awaitAnswers("create", 10, Duration.ofSeconds(30));

            load.phase("stopped");
            SpareRedis.kill();
            readiness.await(503, bound.plusSeconds(10));
            load.awaitAnswers("read", 30, Duration.ofSeconds(30));
            load.phase("stopped-recovering");
            SpareRedis.restart();
            readiness.await(200, RECOVERY);
            load.phase("after-stop");
            load.awaitAnswers("create", 10, Duration.ofSeconds(30));

            load.phase("frozen");
            SpareRedis.pause();
            try {
                readiness.await(503, bound.plusSeconds(10));
                // frozen for longer than the bound: a request that waited for the frozen Redis would be counted as too slow
                long until = System.nanoTime() + bound.plusSeconds(2).toNanos();
                load.awaitAnswers("read", 30, Duration.ofSeconds(30));
                while (System.nanoTime() < until) {
                    Thread.sleep(100);
                }
            } finally {
                SpareRedis.resume();
            }
            load.phase("frozen-recovering");
            readiness.await(200, RECOVERY);
            load.phase("after-freeze");
            load.awaitAnswers("create", 10, Duration.ofSeconds(30));
            load.awaitAnswers("read", 30, Duration.ofSeconds(30));
        }
        Map<String, Map<String, Map<Integer, Long>>> counts = load.counts();
        List<PhasedLoad.Answer> answers = load.answers();
        long slow = answers.stream().filter(a -> a.millis() > bound.toMillis()).count();
        System.out.printf("gateway RedisFaultTest answers per phase %s; slower than %d ms: %d; slowest %d ms; slowest readiness %d ms%n",
                counts, bound.toMillis(), slow, load.slowest(), readiness.slowestMillis());

        for (String p : List.of("before", "after-stop", "after-freeze")) {
            assertEquals(Set.of(200), load.counts(p, "read").keySet(), p + ": every read answered " + counts);
            assertEquals(Set.of(201), load.counts(p, "create").keySet(), p + ": every create answered " + counts);
        }
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 201
                        || a.status() == 429 && "urn:trackguard:problem:quota-exceeded".equals(a.type()) && a.retryAfter() != null),
                "served, or held to the degraded quota with Retry-After; never a 500 or a 503: " + counts);
        assertEquals(0, slow, "answers slower than " + bound.toMillis() + " ms");
        assertTrue(readiness.slowestMillis() < bound.toMillis(), "readiness answered within " + bound.toMillis() + " ms: "
                + readiness.slowestMillis());
    }

    /** The shipment the load reads; sent again with the same key (so created once) until the cold first call succeeds. */
    private String create(String token) throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"orderReference\":\"ORD-" + UUID.randomUUID() + "\",\"productCategory\":\"apparel\"}";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> r;
        do {
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(shipments.toString()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } while (r.statusCode() != 201 && System.nanoTime() < deadline && sleep());
        assertEquals(201, r.statusCode(), r.body());
        return r.body().replaceAll("(?s).*\"trackingNumber\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }
}
