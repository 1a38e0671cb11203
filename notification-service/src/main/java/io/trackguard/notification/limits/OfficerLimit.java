package io.trackguard.notification.limits;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.RateLimitPolicy;
import io.trackguard.ratelimit.RateLimiter;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.Map;

/**
 * Holds each officer to a rate with a burst (officer-api.rate, officer-api.burst), after the
 * role check, so only signed-in officers are counted. The RateLimit fields go on the answer
 * ({@link LimitHeaders}); past the limit, 429 with Retry-After.
 */
@OfficerLimited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class OfficerLimit {

    static final String HEADERS = "trackguard.limit-headers";

    private final RateLimiter limiter;
    private final SecurityIdentity identity;
    private final RoutingContext http;
    private final RateLimitPolicy policy;

    public OfficerLimit(RateLimiter limiter, SecurityIdentity identity, RoutingContext http, NotifyConfig config) {
        this.limiter = limiter;
        this.identity = identity;
        this.http = http;
        this.policy = RateLimitPolicy.rate("officer-api", config.officerApi().rate(), Duration.ofSeconds(1), config.officerApi().burst());
    }

    @AroundInvoke
    Object admit(InvocationContext call) throws Exception {
        LimitDecision decision = limiter.decide(LimitCheck.of(policy, "officer:" + identity.getPrincipal().getName()));
        Map<String, String> headers = decision.headers();
        http.put(HEADERS, headers);
        if (!decision.allowed()) {
            throw new ProblemException(Problem.typed("rate-limited", 429, "Too many requests",
                    "Try again in " + Math.max(1, decision.retryAfterSeconds()) + " seconds."), headers);
        }
        return call.proceed();
    }
}
