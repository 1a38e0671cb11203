package io.trackguard.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every limiter test again, on a real Redis Cluster of three masters: the keys of one decision sit on several nodes. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RateLimiterClusterTest extends RateLimiterRedisTest {
}
