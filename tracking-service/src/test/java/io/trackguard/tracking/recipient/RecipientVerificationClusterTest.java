package io.trackguard.tracking.recipient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** Verification (an attempt taken before the comparison, given back on a match) again on a Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RecipientVerificationClusterTest extends RecipientVerificationTest {
}
