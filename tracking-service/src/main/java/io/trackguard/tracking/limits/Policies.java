package io.trackguard.tracking.limits;

import io.trackguard.ratelimit.RateLimitPolicy;
import jakarta.inject.Singleton;

/** The configured policies, built once. Their names are what the RateLimit fields carry. */
@Singleton
public class Policies {

    private final RateLimitPolicy lookupsPerClient;
    private final RateLimitPolicy missesPerClient;
    private final RateLimitPolicy lookupsPerNumber;
    private final RateLimitPolicy verificationsPerClient;
    private final RateLimitPolicy verificationFailuresPerShipment;
    private final RateLimitPolicy partnerRequestsPerClient;
    private final RateLimitPolicy staffViewsPerAgent;

    public Policies(TrackingLimits limits) {
        lookupsPerClient = TrackingLimits.rate("lookups", limits.lookupsPerClient());
        missesPerClient = TrackingLimits.rate("misses", limits.missesPerClient());
        lookupsPerNumber = TrackingLimits.rate("number", limits.lookupsPerNumber());
        verificationsPerClient = TrackingLimits.rate("verify", limits.verificationsPerClient());
        verificationFailuresPerShipment = TrackingLimits.window("verify-failures", limits.verificationFailuresPerShipment());
        partnerRequestsPerClient = TrackingLimits.rate("partner", limits.partnerRequestsPerClient());
        staffViewsPerAgent = TrackingLimits.rate("staff", limits.staffViewsPerAgent());
    }

    public RateLimitPolicy partnerRequestsPerClient() {
        return partnerRequestsPerClient;
    }

    public RateLimitPolicy staffViewsPerAgent() {
        return staffViewsPerAgent;
    }

    public RateLimitPolicy lookupsPerClient() {
        return lookupsPerClient;
    }

    public RateLimitPolicy missesPerClient() {
        return missesPerClient;
    }

    public RateLimitPolicy lookupsPerNumber() {
        return lookupsPerNumber;
    }

    public RateLimitPolicy verificationsPerClient() {
        return verificationsPerClient;
    }

    public RateLimitPolicy verificationFailuresPerShipment() {
        return verificationFailuresPerShipment;
    }
}
