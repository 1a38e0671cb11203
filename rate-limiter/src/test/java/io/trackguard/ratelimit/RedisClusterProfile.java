package io.trackguard.ratelimit;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.trackguard.testsupport.RedisClusterNodes;
import java.util.List;
import java.util.Map;

/** Runs a test class against a Redis Cluster of its own ({@link RedisClusterNodes}); one start for every class that uses it. */
public class RedisClusterProfile implements QuarkusTestProfile {

    /**
     * A fresh cluster's first decision on each node opens that node's connection and loads the
     * scripts there (NOSCRIPT, then EVAL): more than the 250 ms a warm replica gets.
     */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("trackguard.ratelimit.redis-timeout", "2s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisClusterNodes.class));
    }
}
