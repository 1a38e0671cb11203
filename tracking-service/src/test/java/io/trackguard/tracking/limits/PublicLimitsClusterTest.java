package io.trackguard.tracking.limits;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** The public lookup's limits again on a Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class PublicLimitsClusterTest extends PublicLimitsTest {
}
