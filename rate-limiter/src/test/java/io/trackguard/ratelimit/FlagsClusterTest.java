package io.trackguard.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The flag test again on a Redis Cluster: the flag and the limits of one decision sit on different slots. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class FlagsClusterTest extends FlagsRedisTest {
}
