package io.trackguard.tracking.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The audit consumer's scheduled pass made hourly: only what a test (or the code under test) calls writes records. */
public class HourlyFlush implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("trackguard.audit.flush-interval", "1h");
    }
}
