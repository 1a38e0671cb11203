package io.trackguard.notification.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.testsupport.Readiness;
import io.trackguard.testsupport.SpareRedis;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Redis (a server of the test's own) frozen with SIGSTOP: readiness reports it down, and no probe
 * waits longer than quarkus.redis.timeout plus a margin (the extension's check reads the timeout
 * of the client named "default": without quarkus.redis."default".timeout its PING to a hung Redis
 * waits 10 s, as the fault tests of tracking-service and partner-gateway found); once Redis goes
 * on, the service is ready again without a restart.
 */
@QuarkusTest
@TestProfile(RedisReadinessTest.OwnRedis.class)
class RedisReadinessTest {

    /** Its own Redis: freezing it leaves the other tests' Redis alone. */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SpareRedis.class));
        }
    }

    /** Generous on purpose: the test JVM shares 2 cores with the service and other builds. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    @ConfigProperty(name = "quarkus.redis.timeout")
    Duration redisTimeout;
    @TestHTTPResource(value = "/health/ready", management = true) // the management root is /q
    URL ready;

    @Test
    void aFrozenRedisIsReportedDownWithinItsTimeoutAndTheServiceIsReadyAgainAfter() throws Exception {
        Duration bound = redisTimeout.plus(MARGIN);
        // the probe itself gives up later than the extension's 10 s, so a slow answer is measured, not cut short
        Readiness readiness = new Readiness(ready, bound.multipliedBy(3));
        readiness.await(200, RECOVERY);
        int whileFrozen;
        SpareRedis.pause();
        try {
            whileFrozen = readiness.await(503, bound.plusSeconds(10));
        } finally {
            SpareRedis.resume();
        }
        String downAnswer = readiness.last();
        readiness.await(200, RECOVERY);

        assertEquals(503, whileFrozen, "readiness while Redis is frozen");
        assertTrue(downAnswer.contains("Redis"), "the check that failed is Redis': " + downAnswer);
        assertTrue(readiness.slowestMillis() < bound.toMillis(), "readiness answered within " + bound.toMillis() + " ms: "
                + readiness.slowestMillis());
    }
}
