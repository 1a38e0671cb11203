package io.trackguard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.testsupport.RedisClusterNodes;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The script in a real Redis: atomic under concurrency, one key per decision, hash-tagged.
 * {@link RateLimiterClusterTest} runs every test here again on a Redis Cluster.
 */
@QuarkusTest
class RateLimiterRedisTest {

    @Inject
    RateLimiter limiter;
    @Inject
    RedisDataSource redis;
    @Inject
    RateLimiterConfig config;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone")
    String clientType;

    static String subject() {
        return "s-" + UUID.randomUUID();
    }

    @Test
    void aBurstIsGrantedThenRefusedWithRetryAfter() {
        RateLimitPolicy p = RateLimitPolicy.rate("lookups", 60, Duration.ofMinutes(1), 5);
        String s = subject();
        for (int i = 0; i < 5; i++) {
            LimitDecision d = limiter.decide(LimitCheck.of(p, s));
            assertTrue(d.allowed(), "request " + i);
            assertFalse(d.degraded());
            assertEquals(4 - i, d.tightest().remaining());
        }
        LimitDecision refused = limiter.decide(LimitCheck.of(p, s));
        assertFalse(refused.allowed());
        assertEquals("1", refused.headers().get("Retry-After"));
        assertEquals("\"lookups\";r=0;t=5", refused.headers().get("RateLimit"));
    }

    @Test
    void concurrentRequestsFromManyThreadsNeverExceedTheBurst() throws Exception {
        RateLimitPolicy p = RateLimitPolicy.rate("lookups", 1, Duration.ofHours(1), 20);
        String s = subject();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(() -> limiter.decide(LimitCheck.of(p, s)).allowed());
        }
        int granted = 0;
        for (Future<Boolean> f : pool.invokeAll(calls)) {
            granted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(20, granted, "exactly the burst, whatever the interleaving");
    }

    @Test
    void severalKeysAreDecidedTogetherAndTheTightestIsReported() {
        RateLimitPolicy wide = RateLimitPolicy.rate("wide", 100, Duration.ofMinutes(1), 50);
        RateLimitPolicy narrow = RateLimitPolicy.rate("narrow", 2, Duration.ofMinutes(1), 2);
        String s = subject();
        assertTrue(limiter.decide(LimitCheck.of(wide, s), LimitCheck.of(narrow, s)).allowed());
        assertTrue(limiter.decide(LimitCheck.of(wide, s), LimitCheck.of(narrow, s)).allowed());
        LimitDecision third = limiter.decide(LimitCheck.of(wide, s), LimitCheck.of(narrow, s));
        assertFalse(third.allowed());
        assertEquals("narrow", third.tightest().policy().name());
        assertTrue(third.headers().get("RateLimit-Policy").contains("\"wide\";q=100;w=60"));
    }

    @Test
    void aDecisionOverKeysOfManySlotsAnswersEachKeyInItsPlace() {
        // twelve hash tags: on a three-node cluster they spread over every node
        List<LimitCheck> checks = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            checks.add(LimitCheck.of(RateLimitPolicy.rate("p" + i, 100, Duration.ofMinutes(1), i + 1), subject()));
        }
        LimitDecision d = limiter.decide(checks);
        assertFalse(d.degraded());
        for (int i = 0; i < 12; i++) {
            assertEquals(checks.get(i).policy(), d.results().get(i).policy());
            assertEquals(i + 1, d.results().get(i).remaining(), "the answer of key " + i + ", in its place");
        }
        // extras of three slots, interleaved: each answer comes back in its call's place
        ScriptCall.Script echo = ScriptCall.Script.of("return ARGV[1]");
        List<ScriptCall> extra = new ArrayList<>();
        String[] tags = {"a", "b", "a", "c", "b", "a"};
        for (int i = 0; i < tags.length; i++) {
            extra.add(new ScriptCall(echo, List.of(config.keyPrefix() + "{echo-" + tags[i] + "}"), List.of("answer " + i)));
        }
        RateLimiter.Combined combined = limiter.decideWith(checks.subList(0, 1), extra);
        for (int i = 0; i < tags.length; i++) {
            assertEquals("answer " + i, combined.extra().get(i).toString());
        }
        assertEquals(0, combined.decision().tightest().remaining(), "the first key's second request");
    }

    @Test
    void aWindowLocksAfterItsFailuresAndPeeksCountNothing() {
        RateLimitPolicy p = RateLimitPolicy.window("verify-failures", 5, Duration.ofHours(24));
        String s = subject();
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.decide(LimitCheck.peek(p, s)).allowed());
            limiter.decide(LimitCheck.of(p, s));
        }
        LimitDecision locked = limiter.decide(LimitCheck.peek(p, s));
        assertFalse(locked.allowed());
        assertTrue(locked.retryAfterSeconds() > 23 * 3600, "locked for the rest of the 24 hours");
    }

    @Test
    void takingBeforeTheOutcomeHoldsAWindowUnderConcurrencyAndARefundGivesOneBack() throws Exception {
        RateLimitPolicy p = RateLimitPolicy.window("verify-failures", 5, Duration.ofHours(24));
        String s = subject();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> limiter.decide(LimitCheck.of(p, s)).allowed());
        }
        int taken = 0;
        for (Future<Boolean> f : pool.invokeAll(calls)) {
            taken += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(5, taken, "exactly the limit is taken, whatever the interleaving");

        LimitDecision took = limiter.decide(LimitCheck.peek(p, s));
        limiter.refund(LimitCheck.of(p, s), took);
        assertEquals("4", redis.value(String.class).get(config.keyPrefix() + "{verify-failures:" + s + "}"));
        assertTrue(limiter.decide(LimitCheck.of(p, s)).allowed(), "the refunded attempt is free again");
        assertFalse(limiter.decide(LimitCheck.of(p, s)).allowed());
    }

    @Test
    void aWindowAdmitsASeveralUnitCostOnlyWhenAllOfItFits() {
        RateLimitPolicy p = RateLimitPolicy.window("daily", 5, Duration.ofDays(1));
        String s = subject();
        assertTrue(limiter.decide(new LimitCheck(p, s, 3)).allowed());
        LimitDecision tooMany = limiter.decide(new LimitCheck(p, s, 3));
        assertFalse(tooMany.allowed(), "3 more do not fit in the 2 left");
        assertEquals(2, tooMany.tightest().remaining());
        assertTrue(limiter.decide(new LimitCheck(p, s, 2)).allowed(), "the refused batch counted nothing");
        assertFalse(limiter.decide(LimitCheck.of(p, s)).allowed());
    }

    @Test
    void aRefundToZeroRemovesTheWindowAndNeverGoesBelow() {
        RateLimitPolicy p = RateLimitPolicy.window("verify-failures", 5, Duration.ofHours(24));
        String s = subject();
        String key = config.keyPrefix() + "{verify-failures:" + s + "}";
        LimitDecision took = limiter.decide(LimitCheck.of(p, s));
        limiter.refund(LimitCheck.of(p, s), took);
        assertFalse(redis.key().exists(key), "no event left, no window left");
        limiter.refund(LimitCheck.of(p, s), took);
        assertFalse(redis.key().exists(key), "nothing to give back, nothing written");
        forgetScripts();
        limiter.decide(LimitCheck.of(p, s));
        limiter.decide(LimitCheck.of(p, s));
        limiter.refund(LimitCheck.of(p, s), took);
        assertEquals("1", redis.value(String.class).get(key), "the refund script is loaded again when Redis forgot it");
    }

    @Test
    void keysCarryAHashTagAndExpire() {
        RateLimitPolicy p = RateLimitPolicy.rate("lookups", 10, Duration.ofSeconds(10), 3);
        String s = subject();
        limiter.decide(LimitCheck.of(p, s));
        String key = config.keyPrefix() + "{lookups:" + s + "}";
        assertTrue(redis.key().exists(key));
        long ttl = redis.key().pttl(key);
        assertTrue(ttl > 0 && ttl <= 1001, "the state lives only as long as it matters: " + ttl);
    }

    @Test
    void theScriptIsReloadedAfterRedisForgetsIt() {
        RateLimitPolicy p = RateLimitPolicy.rate("lookups", 10, Duration.ofSeconds(10), 3);
        forgetScripts();
        LimitDecision d = limiter.decide(LimitCheck.of(p, subject()));
        assertTrue(d.allowed());
        assertFalse(d.degraded());
    }

    /** Empties Redis' script cache, as a restart would: on a cluster, every node's. */
    private void forgetScripts() {
        if ("cluster".equalsIgnoreCase(clientType)) {
            RedisClusterNodes.forgetScripts();
        } else {
            redis.execute("SCRIPT", "FLUSH");
        }
    }

    @Test
    void twoReplicasWithTheirOwnConnectionsAlternatingShareEveryLimit() {
        RateLimitPolicy rate = RateLimitPolicy.rate("lookups", 1, Duration.ofHours(1), 10);
        RateLimitPolicy window = RateLimitPolicy.window("daily", 7, Duration.ofDays(1));
        String s = subject();
        try (OtherReplica other = OtherReplica.open(vertx, config)) {
            RateLimiter[] replicas = {limiter, other.limiter()};
            int rateAllowed = 0;
            int windowAllowed = 0;
            for (int i = 0; i < 30; i++) {
                LimitDecision d = replicas[i % 2].decide(LimitCheck.of(rate, s));
                assertFalse(d.degraded(), "both replicas ask Redis");
                rateAllowed += d.allowed() ? 1 : 0;
                windowAllowed += replicas[i % 2].decide(LimitCheck.of(window, s)).allowed() ? 1 : 0;
            }
            assertEquals(10, rateAllowed, "the burst once, not once per replica");
            assertEquals(7, windowAllowed, "the window once, not once per replica");
        }
    }
}
