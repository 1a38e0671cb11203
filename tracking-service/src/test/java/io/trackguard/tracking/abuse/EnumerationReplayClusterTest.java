package io.trackguard.tracking.abuse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** The November 2018 replay again on a Redis Cluster of three masters: the limiter's, the actor's and the partner's keys on several nodes. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class EnumerationReplayClusterTest extends EnumerationReplayTest {
}
