package io.trackguard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** partner-gateway's own settings (environment: TRACKGUARD_GATEWAY_*). */
@ConfigMapping(prefix = "trackguard.gateway")
public interface GatewayConfig {

    /** Seconds a partner is told to wait (Retry-After) when tracking-service cannot answer. */
    @WithDefault("5")
    int unavailableRetryAfterSeconds();
}
