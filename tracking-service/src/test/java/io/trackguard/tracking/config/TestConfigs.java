package io.trackguard.tracking.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link TrackingConfig} for unit tests of single classes, without starting Quarkus. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static TrackingConfig trackingConfig(List<String> trustedProxies) {
        return trackingConfig(trustedProxies, TrackingConfig.ForwardedHeader.X_FORWARDED_FOR);
    }

    public static TrackingConfig trackingConfig(List<String> trustedProxies, TrackingConfig.ForwardedHeader header) {
        return trackingConfig(trustedProxies, header, "unit-test-key", "1", Map.of());
    }

    /** With a pseudonym key, its id and the keys it replaced (key rotation). */
    public static TrackingConfig trackingConfig(List<String> trustedProxies, String key, String keyId, Map<String, String> previous) {
        return trackingConfig(trustedProxies, TrackingConfig.ForwardedHeader.X_FORWARDED_FOR, key, keyId, previous);
    }

    public static TrackingConfig trackingConfig(List<String> trustedProxies, TrackingConfig.ForwardedHeader header, String key,
                                                String keyId, Map<String, String> previous) {
        return new TrackingConfig() {
            @Override
            public ZoneId displayZone() {
                return ZoneId.of("America/Toronto");
            }

            @Override
            public Optional<List<String>> trustedProxies() {
                return Optional.of(trustedProxies);
            }

            @Override
            public ForwardedHeader forwardedHeader() {
                return header;
            }

            @Override
            public String pseudonymKey() {
                return key;
            }

            @Override
            public String pseudonymKeyId() {
                return keyId;
            }

            @Override
            public Map<String, String> previousPseudonymKeys() {
                return previous;
            }
        };
    }
}
