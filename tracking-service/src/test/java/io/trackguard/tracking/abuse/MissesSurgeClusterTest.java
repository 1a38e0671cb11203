package io.trackguard.tracking.abuse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** The misses surge again on a Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class MissesSurgeClusterTest extends MissesSurgeTest {
}
