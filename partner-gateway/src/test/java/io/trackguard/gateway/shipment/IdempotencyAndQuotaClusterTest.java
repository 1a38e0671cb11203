package io.trackguard.gateway.shipment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** Quotas, batches and the disabled-partner flag again on a Redis Cluster: the flag and the two quota keys sit on different slots. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class IdempotencyAndQuotaClusterTest extends IdempotencyAndQuotaTest {
}
