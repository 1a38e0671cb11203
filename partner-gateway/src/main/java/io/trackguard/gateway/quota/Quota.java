package io.trackguard.gateway.quota;

import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.gateway.partner.Partner;
import io.trackguard.problem.Problem;
import io.trackguard.ratelimit.Flags;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.RateLimitPolicy;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.ratelimit.guard.Signal;
import io.trackguard.ratelimit.guard.TooMany;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each partner is held to its plan: a rate with a burst, and a daily quota, in the shared
 * Redis limiter, and refused at once when disabled (a flag read in the same round trip, set by
 * whichever replica disabled it). The {@link Guard} refuses and puts the RateLimit fields on every answer.
 * Partners are authenticated: while Redis is away they go on under the in-process limit, and a
 * disabled one is refused from the partner records (cached up to a minute per replica).
 */
@ApplicationScoped
public class Quota {

    /** The gateway's wording of its 429, as partners know it. */
    static final TooMany QUOTA_EXCEEDED = new TooMany("quota-exceeded", "Quota exceeded",
            "Your plan's limit is reached; try again in %d seconds.");
    static final Problem DISABLED = Problem.of(403, "Forbidden", "This partner account is disabled.");
    private static final long PLAN_CACHE_MILLIS = 60_000;

    private record CachedPlan(String plan, boolean enabled, long until) {
    }

    private record Policies(RateLimitPolicy rate, RateLimitPolicy daily, long burst) {
    }

    private final Guard guard;
    private final Flags flags;
    private final GatewayConfig config;
    private final Map<String, CachedPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, Policies> policies = new ConcurrentHashMap<>();

    public Quota(Guard guard, Flags flags, GatewayConfig config) {
        this.guard = guard;
        this.flags = flags;
        this.config = config;
    }

    /** One request, one unit. */
    public void admit(String partnerId) {
        admit(partnerId, 1);
    }

    /**
     * A request worth {@code units} (a batch: one per shipment). The daily quota counts each unit;
     * the rate counts each too, up to the plan's burst, so a full batch takes the whole burst at once.
     */
    public void admit(String partnerId, int units) {
        CachedPlan known = planOf(partnerId);
        if (!known.enabled()) {
            throw guard.veto(DISABLED, "partner disabled", partnerId);
        }
        guard.demand(checks(partnerId, known.plan(), units))
                // disabled on some replica a moment ago: its tokens are refused everywhere from now on
                .vetoedBy(Signal.of(flags.read(Flags.PARTNER_DISABLED, partnerId), Flags::isSet), DISABLED, "partner disabled")
                .tooMany(QUOTA_EXCEEDED)
                .about(partnerId)
                .admit();
    }

    /**
     * What a request of {@code units} takes from the partner's plan (an unknown plan: the default
     * one): the same keys on every replica, so that all of them share one quota.
     */
    List<LimitCheck> checks(String partnerId, String planName, int units) {
        Policies p = policies.computeIfAbsent(planName == null ? config.defaultPlan() : planName, this::policies);
        return List.of(new LimitCheck(p.rate(), partnerId, (int) Math.min(units, p.burst())), new LimitCheck(p.daily(), partnerId, units));
    }

    /** A plan's two policies, made once per plan name (the configuration does not change while running). */
    private Policies policies(String planName) {
        GatewayConfig.Plan plan = config.plans().get(planName);
        if (plan == null) {
            planName = config.defaultPlan();
            plan = config.plans().get(planName);
        }
        return new Policies(RateLimitPolicy.rate("quota-" + planName, plan.rate(), Duration.ofSeconds(1), plan.burst()),
                RateLimitPolicy.window("daily-" + planName, plan.daily(), Duration.ofDays(1)), plan.burst());
    }

    /** Forgets what this replica knew of the partner (its plan changed, or it was disabled). */
    public void forget(String partnerId) {
        plans.remove(partnerId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    CachedPlan planOf(String partnerId) {
        long now = System.currentTimeMillis();
        CachedPlan cached = plans.get(partnerId);
        if (cached != null && cached.until() > now) {
            return cached;
        }
        Partner p = Partner.findById(partnerId);
        CachedPlan fresh = new CachedPlan(p == null ? config.defaultPlan() : p.plan, p == null || p.enabled, now + PLAN_CACHE_MILLIS);
        plans.put(partnerId, fresh);
        return fresh;
    }
}
