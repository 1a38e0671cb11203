package io.trackguard.notification.limits;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.RateLimitPolicy;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.ratelimit.guard.TooMany;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;

/**
 * Holds each officer to a rate with a burst (officer-api.rate, officer-api.burst), after the
 * role check, so only signed-in officers are counted. The rate-limiter's {@link Guard} decides,
 * answers 429 with Retry-After past the limit, and puts the RateLimit fields on the answer.
 */
@OfficerLimited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class OfficerLimit {

    /** The officers' API words its 429 as it always has. */
    static final TooMany TOO_MANY = new TooMany("rate-limited", "Too many requests", "Try again in %d seconds.");

    private final Guard guard;
    private final SecurityIdentity identity;
    private final RateLimitPolicy policy;

    public OfficerLimit(Guard guard, SecurityIdentity identity, NotifyConfig config) {
        this.guard = guard;
        this.identity = identity;
        this.policy = RateLimitPolicy.rate("officer-api", config.officerApi().rate(), Duration.ofSeconds(1), config.officerApi().burst());
    }

    @AroundInvoke
    Object admit(InvocationContext call) throws Exception {
        guard.demand(LimitCheck.of(policy, "officer:" + identity.getPrincipal().getName())).tooMany(TOO_MANY).admit();
        return call.proceed();
    }
}
