package io.trackguard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A flag set once is read by the next decision, in the same round trip as the limits. */
@QuarkusTest
class FlagsRedisTest {

    @Inject
    RateLimiter limiter;
    @Inject
    Flags flags;

    @Test
    void aFlagIsReadWithTheDecisionAndClearedAgain() {
        String partner = "p-" + UUID.randomUUID();
        RateLimitPolicy policy = RateLimitPolicy.rate("quota", 100, Duration.ofSeconds(1), 100);
        RateLimiter.Combined before = limiter.decideWith(List.of(LimitCheck.of(policy, partner)), List.of(flags.read("disabled", partner)));
        assertTrue(before.decision().allowed());
        assertFalse(Flags.isSet(before.extra().get(0)));

        flags.set("disabled", partner);
        RateLimiter.Combined after = limiter.decideWith(List.of(LimitCheck.of(policy, partner)), List.of(flags.read("disabled", partner)));
        assertTrue(Flags.isSet(after.extra().get(0)));
        assertFalse(Flags.isSet(limiter.decideWith(List.of(), List.of(flags.read("disabled", "someone-else"))).extra().get(0)));

        flags.clear("disabled", partner);
        assertFalse(Flags.isSet(limiter.decideWith(List.of(), List.of(flags.read("disabled", partner))).extra().get(0)));
    }
}
