package io.trackguard.tracking.limits;

import io.trackguard.problem.Problem;
import io.trackguard.ratelimit.Flags;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.ratelimit.guard.Signal;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.partner.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;

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
    static final Problem PARTNER_DISABLED = Problem.of(403, "Forbidden", "This partner account is disabled.");

    private final Guard guard;
    private final Policies policies;
    private final Flags flags;
    private final PartnerCaller caller;

    public PartnerLimit(Guard guard, Policies policies, Flags flags, PartnerCaller caller) {
        this.guard = guard;
        this.policies = policies;
        this.flags = flags;
        this.caller = caller;
    }

    /** Counts the request; throws the 429 when over, 403 when the partner is disabled. */
    public void admit(Actor partner) {
        guard.demand(LimitCheck.of(policies.partnerRequestsPerClient(), partner.id()))
                .vetoedBy(Signal.of(flags.read(DISABLED, caller.partnerId()), Flags::isSet),
                        PARTNER_DISABLED, "partner disabled")
                .about(Attempt.of(partner))
                .admit();
    }
}
