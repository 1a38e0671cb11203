package io.trackguard.tracking.abuse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;

/** Distributed scraping and guarded mode again on a Redis Cluster (the officer's clear runs its script on the partner's slot). */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class DistributedScrapingClusterTest extends DistributedScrapingTest {
}
