package io.trackguard.tracking.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.testsupport.PhasedLoad;
import io.trackguard.testsupport.Readiness;
import io.trackguard.testsupport.SpareRedis;
import io.trackguard.tracking.audit.AccessLog;
import io.trackguard.tracking.shipment.ShipmentFixtures;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Redis (a server of the test's own) stopped, then frozen with SIGSTOP, under a load of public
 * lookups and recipient verifications. Lookups go on under the limiter's in-process fallback
 * (200); a verification, which must be counted in Redis to be allowed, is refused with a 503
 * that says temporarily unavailable, with Retry-After; readiness reports Redis down; no answer
 * waits longer than the Redis timeouts plus a margin; after Redis is back, everything is answered
 * again within seconds, with nothing restarted; and every lookup answered 200, in every phase, has
 * its row in the access audit log (in the stream when Redis took it, else written to PostgreSQL by
 * the request itself).
 */
@QuarkusTest
@TestProfile(RedisFaultTest.OwnRedis.class)
class RedisFaultTest {

    /**
     * Its own Redis (stopping it leaves the other tests' Redis alone), with its append-only file as
     * in the deployments: a killed Redis comes back with the audit records it had taken and not yet
     * handed to PostgreSQL (one without persistence would lose them, whatever the service does).
     * Many lookups per number.
     */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SpareRedis.class, Map.of("appendonly", "yes")));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trackguard.limits.lookups-per-number.burst", "1000000");
        }
    }

    /** Generous on purpose: the test JVM shares 2 cores with the service it loads and other builds. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final String UNAVAILABLE = "urn:trackguard:problem:temporarily-unavailable";

    @Inject
    ShipmentFixtures fixtures;
    @Inject
    AccessLog log;
    @Inject
    AgroalDataSource dataSource;
    /** The longest any Redis call of a request may wait (the limiter's own budget is shorter). */
    @ConfigProperty(name = "quarkus.redis.timeout")
    Duration redisTimeout;
    @ConfigProperty(name = "trackguard.ratelimit.redis-timeout")
    Duration limiterTimeout;
    @TestHTTPResource("/api/v1/track/")
    URL track;
    @TestHTTPResource(value = "/health/ready", management = true) // the management root is /q
    URL ready;

    @Test
    void stoppedOrFrozenRedisAnswersLookupsDegradedVerifications503NeverSlowerThanItsTimeoutsAndRecovers() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            numbers.add(fixtures.create(ShipmentFixtures.OTHER_PARTNER));
        }
        Duration bound = (redisTimeout.compareTo(limiterTimeout) > 0 ? redisTimeout : limiterTimeout).plus(MARGIN);
        // asked with the load's bound: a probe that hangs on a hung Redis is one more thing stuck
        Readiness readiness = new Readiness(ready, bound.multipliedBy(2));
        AtomicInteger next = new AtomicInteger();
        Map<String, Map<String, Map<Integer, Long>>> counts;
        PhasedLoad load = new PhasedLoad("before", bound.multipliedBy(2));
        List<PhasedLoad.Answer> answers;
        int readyWhileStopped;
        int readyWhileFrozen;
        try (load) {
            // a new client each time: the per-client limits (4 lookups, 1 verification while degraded) stay out of the count
            load.add("lookup", 3, () -> HttpRequest.newBuilder(URI.create(track + numbers.get(Math.floorMod(next.getAndIncrement(), numbers.size()))))
                    .header("X-Forwarded-For", Clients.crowdAddress()));
            load.add("verify", 1, () -> HttpRequest.newBuilder(URI.create(track + numbers.get(Math.floorMod(next.getAndIncrement(), numbers.size())) + "/verify"))
                    .header("X-Forwarded-For", Clients.freshAddress()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"postalCode\":\"M5H1A1\"}")));
            readiness.await(200, RECOVERY);
            load.awaitAnswers("verify", 10, Duration.ofSeconds(30));

            load.phase("stopped");
            SpareRedis.kill();
            load.awaitAnswer("verify", a -> a.status() == 503, bound.plusSeconds(10));
            readyWhileStopped = readiness.await(503, bound.plusSeconds(10));
            load.awaitAnswers("lookup", 30, Duration.ofSeconds(30));
            load.phase("stopped-recovering");
            SpareRedis.restart();
            awaitRecovery(load, readiness);
            load.phase("after-stop");
            load.awaitAnswers("verify", 10, Duration.ofSeconds(30));

            load.phase("frozen");
            SpareRedis.pause();
            try {
                load.awaitAnswer("verify", a -> a.status() == 503, bound.plusSeconds(10));
                readyWhileFrozen = readiness.await(503, bound.plusSeconds(10));
                // the duration is the point: frozen for longer than the bound, so a request that waited
                // for the frozen Redis would be counted as too slow
                long until = System.nanoTime() + bound.plusSeconds(2).toNanos();
                load.awaitAnswers("lookup", 30, Duration.ofSeconds(30));
                while (System.nanoTime() < until) {
                    Thread.sleep(100);
                }
            } finally {
                SpareRedis.resume();
            }
            load.phase("frozen-recovering");
            awaitRecovery(load, readiness);
            load.phase("after-freeze");
            load.awaitAnswers("verify", 10, Duration.ofSeconds(30));
            load.awaitAnswers("lookup", 30, Duration.ofSeconds(30));
        }
        counts = load.counts();
        answers = load.answers();
        long slow = answers.stream().filter(a -> a.millis() > bound.toMillis()).count();
        List<String> answered = AuditRows.answered(load, "lookup");
        Set<String> missing = new AuditRows(log, dataSource).missing(answered);
        System.out.printf("RedisFaultTest answers per phase %s; slower than %d ms: %d; slowest %d ms; slowest readiness %d ms;"
                + " answered lookups without their audit record: %d of %d%n",
                counts, bound.toMillis(), slow, load.slowest(), readiness.slowestMillis(), missing.size(), answered.size());

        for (String p : List.of("before", "after-stop", "after-freeze")) {
            assertEquals(Set.of(200), load.counts(p, "lookup").keySet(), p + ": every lookup answered " + counts);
            assertEquals(Set.of(200), load.counts(p, "verify").keySet(), p + ": every verification answered " + counts);
        }
        // while Redis is away lookups go on degraded; nothing is a 500, nothing goes unanswered
        assertTrue(answers.stream().filter(a -> a.kind().equals("lookup")).allMatch(a -> a.status() == 200), "lookups: " + counts);
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 503), "only 200 or 503: " + counts);
        assertTrue(answers.stream().filter(a -> a.status() == 503).allMatch(a -> UNAVAILABLE.equals(a.type()) && a.retryAfter() != null),
                "every 503 says temporarily unavailable, with Retry-After");
        assertEquals(0, slow, "answers slower than " + bound.toMillis() + " ms");
        assertTrue(readiness.slowestMillis() < bound.toMillis(), "readiness answered within " + bound.toMillis() + " ms: "
                + readiness.slowestMillis());
        assertEquals(503, readyWhileStopped, "readiness while Redis is stopped");
        assertEquals(503, readyWhileFrozen, "readiness while Redis is frozen");
        assertEquals(0, missing.size(), "answered lookups without their audit record, of " + answered.size() + ", e.g. "
                + missing.stream().limit(5).toList());
    }

    /** Ready again, and a verification allowed (the limiter asks Redis again after its pause): "within seconds". */
    private static void awaitRecovery(PhasedLoad load, Readiness readiness) throws Exception {
        readiness.await(200, RECOVERY);
        load.awaitSteady("verify", a -> a.status() == 200, 4, RECOVERY);
    }
}
