package io.trackguard.tracking.recipient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** One-time links (SET NX) again on a Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RecipientLinksClusterTest extends RecipientLinksTest {
}
