package io.trackguard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fallback's arithmetic; the Redis script is tested against a real Redis in tracking-service. */
class InProcessLimiterTest {

    private final InProcessLimiter limiter = new InProcessLimiter(100_000);

    @Test
    void rateAllowsTheBurstThenOneRequestPerInterval() {
        RateLimitPolicy p = RateLimitPolicy.rate("lookups", 60, Duration.ofMinutes(1), 5);
        long now = 1_000_000;
        for (int i = 0; i < 5; i++) {
            LimitResult r = limiter.decide("k", p, 1, now);
            assertTrue(r.allowed(), "request " + i);
            assertEquals(4 - i, r.remaining());
        }
        LimitResult refused = limiter.decide("k", p, 1, now);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertTrue(limiter.decide("k", p, 1, now + 1000).allowed(), "one interval later");
        assertFalse(limiter.decide("k", p, 1, now + 1000).allowed());
    }

    @Test
    void aPeekCountsNothing() {
        RateLimitPolicy p = RateLimitPolicy.rate("lookups", 10, Duration.ofSeconds(10), 2);
        assertEquals(2, limiter.decide("k", p, 0, 0).remaining());
        assertEquals(2, limiter.decide("k", p, 0, 0).remaining());
        assertEquals(1, limiter.decide("k", p, 1, 0).remaining());
        assertEquals(1, limiter.decide("k", p, 0, 0).remaining());
        assertEquals(0, limiter.decide("k", p, 1, 0).remaining());
        assertFalse(limiter.decide("k", p, 0, 0).allowed(), "a peek says no when the next request would be refused");
        assertTrue(limiter.decide("k", p, 0, 5_000).allowed(), "one interval later it says yes");
    }

    @Test
    void aWindowLocksAfterItsLimitUntilTheWindowEnds() {
        RateLimitPolicy p = RateLimitPolicy.window("verify-failures", 5, Duration.ofHours(24));
        long now = 0;
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.decide("s", p, 0, now).allowed(), "peek before failure " + i);
            limiter.decide("s", p, 1, now);
        }
        LimitResult locked = limiter.decide("s", p, 0, now + 3_600_000);
        assertFalse(locked.allowed());
        assertEquals(23 * 3600, locked.retryAfterSeconds());
        assertTrue(limiter.decide("s", p, 0, now + Duration.ofHours(24).toMillis() + 1).allowed(), "the window has passed");
    }

    @Test
    void aRefundGivesBackOneWindowEventAndTheWindowRestartsAtZero() {
        RateLimitPolicy p = RateLimitPolicy.window("verify-failures", 2, Duration.ofSeconds(100));
        assertTrue(limiter.decide("k", p, 1, 0).allowed());
        assertTrue(limiter.decide("k", p, 1, 10_000).allowed());
        assertFalse(limiter.decide("k", p, 1, 10_000).allowed());
        limiter.refund("k", 1, 20_000);
        assertTrue(limiter.decide("k", p, 1, 20_000).allowed(), "the refunded event is free again");
        assertFalse(limiter.decide("k", p, 1, 20_000).allowed());
        limiter.refund("k", 1, 30_000);
        limiter.refund("k", 1, 30_000);
        limiter.refund("k", 1, 30_000);
        // back at zero: the next event opens a new window of 100 s from now
        assertEquals(100, limiter.decide("k", p, 1, 40_000).resetSeconds());
    }

    @Test
    void aWindowAdmitsASeveralUnitCostOnlyWhenAllOfItFits() {
        RateLimitPolicy p = RateLimitPolicy.window("daily", 5, Duration.ofDays(1));
        assertTrue(limiter.decide("b", p, 3, 0).allowed());
        LimitResult tooMany = limiter.decide("b", p, 3, 0);
        assertFalse(tooMany.allowed(), "3 more do not fit in the 2 left");
        assertEquals(2, tooMany.remaining());
        assertTrue(limiter.decide("b", p, 2, 0).allowed(), "the refused batch counted nothing");
        assertFalse(limiter.decide("b", p, 1, 0).allowed());
    }

    @Test
    void keysAreIndependent() {
        RateLimitPolicy p = RateLimitPolicy.rate("lookups", 1, Duration.ofMinutes(1), 1);
        assertTrue(limiter.decide("a", p, 1, 0).allowed());
        assertFalse(limiter.decide("a", p, 1, 0).allowed());
        assertTrue(limiter.decide("b", p, 1, 0).allowed());
    }

    @Test
    void headersFollowTheIetfDraft() {
        RateLimitPolicy lookups = RateLimitPolicy.rate("lookups", 60, Duration.ofMinutes(1), 10);
        RateLimitPolicy misses = RateLimitPolicy.rate("misses", 10, Duration.ofMinutes(1), 3);
        LimitDecision d = new LimitDecision(java.util.List.of(
                new LimitResult(lookups, true, 7, 3, 0), new LimitResult(misses, false, 0, 12, 6)), false);
        assertEquals("\"lookups\";q=60;w=60, \"misses\";q=10;w=60", d.headers().get("RateLimit-Policy"));
        assertEquals("\"misses\";r=0;t=12", d.headers().get("RateLimit"));
        assertEquals("6", d.headers().get("Retry-After"));
    }

    @Test
    void pastItsBoundItForgetsTheLeastRecentlyUsedKeyNotEveryKey() {
        InProcessLimiter small = new InProcessLimiter(3);
        RateLimitPolicy p = RateLimitPolicy.rate("lookups", 1, Duration.ofMinutes(10), 1);
        assertTrue(small.decide("abuser", p, 1, 0).allowed());
        for (int i = 0; i < 10; i++) {
            small.decide("visitor-" + i, p, 1, 1);
            assertFalse(small.decide("abuser", p, 1, 2).allowed(), "the abuser, refused again just now, is kept past visitor " + i);
            assertTrue(small.size() <= 3, "the bound holds: " + small.size());
        }
        assertTrue(small.decide("visitor-0", p, 1, 3).allowed(), "visitor-0, the least recently used, was the one forgotten");
        assertFalse(small.decide("visitor-9", p, 1, 3).allowed(), "the most recent visitor is remembered");
    }
}
