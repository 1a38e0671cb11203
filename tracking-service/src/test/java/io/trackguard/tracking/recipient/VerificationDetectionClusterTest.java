package io.trackguard.tracking.recipient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trackguard.ratelimit.RedisClusterProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Detection of failed verifications again on a Redis Cluster, with the same profile as {@link VerificationDetectionTest}. */
@QuarkusTest
@TestProfile(VerificationDetectionClusterTest.OnACluster.class)
class VerificationDetectionClusterTest extends VerificationDetectionTest {

    public static class OnACluster extends ClientBurstAboveDetection {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> all = new HashMap<>(super.getConfigOverrides());
            all.putAll(new RedisClusterProfile().getConfigOverrides());
            return all;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return new RedisClusterProfile().testResources();
        }
    }
}
