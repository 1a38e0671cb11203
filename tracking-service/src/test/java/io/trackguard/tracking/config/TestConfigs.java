package io.trackguard.tracking.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A {@link TrackingConfig} for unit tests of single classes, without starting Quarkus. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static TrackingConfig trackingConfig(List<String> trustedProxies) {
        return trackingConfig(trustedProxies, TrackingConfig.ForwardedHeader.X_FORWARDED_FOR);
    }

    public static TrackingConfig trackingConfig(List<String> trustedProxies, TrackingConfig.ForwardedHeader header) {
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
                return "unit-test-key";
            }
        };
    }
}
