package io.trackguard.gateway.quota;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** Two gateway replicas sharing one partner's quota, on a Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ReplicasShareQuotaClusterTest extends ReplicasShareQuotaTest {
}
