package io.trackguard.tracking.limits;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.Flags;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.partner.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The per-partner-client limit of tracking-service's partner API, a second line behind
 * partner-gateway's quotas, and the disabled-partner flag that the gateway sets when a partner
 * is disabled, read in the same Redis round trip. Partners are authenticated, so while Redis is
 * away they go on under the in-process limit rather than stop (the gateway still refuses a
 * disabled partner from its own records then).
 */
@ApplicationScoped
public class PartnerLimit {

    /** The flag partner-gateway sets on disabling a partner (rate-limiter's Flags, shared prefix). */
    public static final String DISABLED = Flags.PARTNER_DISABLED;

    private final RateLimiter limiter;
    private final Policies policies;
    private final Audit audit;
    private final Flags flags;
    private final PartnerCaller caller;

    public PartnerLimit(RateLimiter limiter, Policies policies, Audit audit, Flags flags, PartnerCaller caller) {
        this.limiter = limiter;
        this.policies = policies;
        this.audit = audit;
        this.flags = flags;
        this.caller = caller;
    }

    /** Counts the request; throws the 429 when over, 403 when the partner is disabled. Returns the RateLimit fields. */
    public Map<String, String> admit(Actor partner) {
        RateLimiter.Combined combined = limiter.decideWith(List.of(LimitCheck.of(policies.partnerRequestsPerClient(), partner.id())),
                List.of(flags.read(DISABLED, caller.partnerId())));
        if (!combined.extra().isEmpty() && Flags.isSet(combined.extra().get(0))) {
            audit.attempt(partner, null, null, null, Outcome.DENIED, "partner disabled");
            throw new ProblemException(Problem.of(403, "Forbidden", "This partner account is disabled."));
        }
        LimitDecision decision = combined.decision();
        if (!decision.allowed()) {
            audit.attempt(partner, null, null, null, Outcome.LIMITED, null);
            throw Refusals.rateLimited(decision);
        }
        return decision.headers();
    }
}
