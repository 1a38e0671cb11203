package io.trackguard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** partner-gateway's own settings (environment: TRACKGUARD_GATEWAY_*). */
@ConfigMapping(prefix = "trackguard.gateway")
public interface GatewayConfig {

    /** Seconds a partner is told to wait (Retry-After) when tracking-service cannot answer. */
    @WithDefault("5")
    int unavailableRetryAfterSeconds();

    /** Quota plans by name: requests per second, burst, requests per day. */
    Map<String, Plan> plans();

    /** The plan of a partner that partner-gateway has no record of. */
    @WithDefault("standard")
    String defaultPlan();

    /** How long an Idempotency-Key is remembered. */
    @WithDefault("24h")
    Duration idempotencyTtl();

    /** AES-256 key (base64) that encrypts webhook signing secrets at rest. Set in production. */
    String webhookSecretKey();

    /** How long a rotated webhook secret still signs deliveries, besides the new one (Standard Webhooks' overlap). */
    @WithDefault("24h")
    Duration webhookRotationOverlap();

    /** Allow plain-http webhook URLs to loopback addresses (local runs only). */
    @WithDefault("false")
    boolean allowHttpLoopbackWebhooks();

    /** The Keycloak realm and the account that onboarding uses (role create-client, nothing more). */
    KeycloakAdmin keycloak();

    interface KeycloakAdmin {
        /** The realm partners are clients of. */
        @WithDefault("trackguard")
        String realm();

        /** The service account that may register clients in that realm (create-client): it cannot read any. */
        @WithDefault("partner-gateway-admin")
        String clientId();

        /** Its secret, set by the deployment: whoever holds it can register clients with partner claims. */
        String clientSecret();
    }

    interface Plan {
        /** Sustained requests per second. */
        long rate();

        /** Requests allowed at once. */
        long burst();

        /** Requests per day (a 24-hour window from the first request). */
        long daily();
    }
}
