package io.trackguard.tracking.limits;

import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The per-partner-client limit of tracking-service's partner API: a second line behind
 * partner-gateway's quotas, for a partner token used directly. Partners are authenticated,
 * so while Redis is away they go on under the in-process limit rather than stop.
 */
@ApplicationScoped
public class PartnerLimit {

    private final RateLimiter limiter;
    private final Policies policies;
    private final Audit audit;

    public PartnerLimit(RateLimiter limiter, Policies policies, Audit audit) {
        this.limiter = limiter;
        this.policies = policies;
        this.audit = audit;
    }

    /** Counts the request; throws the 429 when over. Returns the RateLimit fields for the answer. */
    public Map<String, String> admit(Actor partner) {
        LimitDecision decision = limiter.decide(LimitCheck.of(policies.partnerRequestsPerClient(), partner.id()));
        if (!decision.allowed()) {
            audit.attempt(partner, null, null, null, Outcome.LIMITED, null);
            throw Refusals.rateLimited(decision);
        }
        return decision.headers();
    }
}
