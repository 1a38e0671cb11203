package io.trackguard.tracking.limits;

import io.smallrye.config.ConfigMapping;
import io.trackguard.ratelimit.RateLimitPolicy;
import java.time.Duration;

/**
 * tracking-service's rate-limit policies (environment: TRACKGUARD_LIMITS_*); the defaults are
 * in application.properties and the README. Each rate is "limit per period, burst at once".
 */
@ConfigMapping(prefix = "trackguard.limits")
public interface TrackingLimits {

    /**
     * Whether public lookups go through the limiter and enumeration detection. Off only for
     * the benchmark that measures what the limiter costs (bench/); never off in a deployment.
     */
    @io.smallrye.config.WithDefault("true")
    boolean publicLookupsLimited();

    /** Public lookups per client. */
    Rate lookupsPerClient();

    /** Public lookups of numbers that match nothing, per client. */
    Rate missesPerClient();

    /** Lookups of one tracking number, from all clients together. */
    Rate lookupsPerNumber();

    /** Recipient verification attempts per client. */
    Rate verificationsPerClient();

    /** Partner API requests per partner client (partner-gateway holds partners to their plan first). */
    Rate partnerRequestsPerClient();

    /** Staff views per support agent (detection counts the distinct shipments on top: AbuseConfig.staff). */
    Rate staffViewsPerAgent();

    /** Failed verifications per shipment before it locks for the rest of the window. */
    Window verificationFailuresPerShipment();

    interface Rate {
        long limit();

        Duration period();

        long burst();
    }

    interface Window {
        long limit();

        Duration period();
    }

    static RateLimitPolicy rate(String name, Rate r) {
        return RateLimitPolicy.rate(name, r.limit(), r.period(), r.burst());
    }

    static RateLimitPolicy window(String name, Window w) {
        return RateLimitPolicy.window(name, w.limit(), w.period());
    }
}
