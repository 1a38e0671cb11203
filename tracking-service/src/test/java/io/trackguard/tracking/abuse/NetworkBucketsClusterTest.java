package io.trackguard.tracking.abuse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** The IPv6 network buckets again on a Redis Cluster: a client's and its networks' counters share one slot (the widest network's tag). */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class NetworkBucketsClusterTest extends NetworkBucketsTest {
}
