package io.trackguard.tracking.staff;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** The staff view's limit and detection again on a Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class StaffResourceClusterTest extends StaffResourceTest {
}
