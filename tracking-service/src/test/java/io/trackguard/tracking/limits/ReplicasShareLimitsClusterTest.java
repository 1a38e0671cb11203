package io.trackguard.tracking.limits;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** Two replicas sharing one client's limit, on a Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ReplicasShareLimitsClusterTest extends ReplicasShareLimitsTest {
}
