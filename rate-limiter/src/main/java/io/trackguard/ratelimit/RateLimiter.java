package io.trackguard.ratelimit;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The limiter of tracking-service and partner-gateway. All keys of one decision go to Redis
 * in one pipelined round trip, each through the same atomic script on a single key, so any
 * number of replicas share one state and the code runs unchanged on a Redis Cluster.
 *
 * <p>When Redis does not answer in time, a conservative in-process limit decides and the
 * decision says it is {@link LimitDecision#degraded() degraded}.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final ScriptCall.Script LIMIT_SCRIPT = ScriptCall.Script.of(GcraScript.SOURCE);
    private static final ScriptCall.Script REFUND_SCRIPT = ScriptCall.Script.of(GcraScript.REFUND_SOURCE);

    private final Redis redis;
    private final RateLimiterConfig config;
    private final InProcessLimiter fallback;
    /** Until when Redis is skipped after a failure (epoch ms), so a dead Redis does not cost a timeout per request. */
    private final AtomicLong redisSkippedUntil = new AtomicLong();

    public RateLimiter(Redis redis, RateLimiterConfig config) {
        this.redis = redis;
        this.config = config;
        this.fallback = new InProcessLimiter(config.fallbackMaxKeys());
    }

    /** A decision and the answers to the extra commands sent in the same round trip (empty when degraded). */
    public record Combined(LimitDecision decision, List<Response> extra) {
    }

    public LimitDecision decide(List<LimitCheck> checks) {
        return decideWith(checks, List.of()).decision();
    }

    /**
     * Decides, and runs {@code extra} scripts in the same pipelined round trip. When Redis
     * cannot be reached the extras are not run and their answers are empty.
     */
    public Combined decideWith(List<LimitCheck> checks, List<ScriptCall> extra) {
        if (checks.isEmpty() && extra.isEmpty()) {
            return new Combined(new LimitDecision(List.of(), false), List.of());
        }
        if (System.currentTimeMillis() >= redisSkippedUntil.get()) {
            try {
                List<Response> responses = inRedis(checks, extra);
                return new Combined(new LimitDecision(parse(checks, responses), false),
                        responses.subList(checks.size(), responses.size()));
            } catch (RuntimeException e) {
                redisSkippedUntil.set(System.currentTimeMillis() + config.redisRetryAfterFailure().toMillis());
                LOG.warnf("rate limiter: Redis unavailable (%s); deciding in process for %s",
                        e.getClass().getSimpleName(), config.redisRetryAfterFailure());
            }
        }
        long now = System.currentTimeMillis();
        List<LimitResult> results = new ArrayList<>(checks.size());
        for (LimitCheck check : checks) {
            RateLimitPolicy conservative = check.policy().scaled(config.degradedFactor());
            results.add(fallback.decide(check.key(config.keyPrefix()), conservative, check.cost(), now));
        }
        return new Combined(new LimitDecision(results, true), List.of());
    }

    public LimitDecision decide(LimitCheck... checks) {
        return decide(List.of(checks));
    }

    /**
     * Gives back what {@code taken} counted on a WINDOW policy, where {@code decidedBy} counted
     * it (in Redis, or in process when that decision was degraded). Taking an attempt before
     * knowing its outcome, then refunding the ones that did not fail, is what makes a failure
     * limit hold under concurrent requests: a peek first and a count after would let every
     * request that peeked before the first count through. A refund that cannot reach Redis is
     * dropped with a warning: the key keeps one event too many, which errs on the safe side.
     */
    public void refund(LimitCheck taken, LimitDecision decidedBy) {
        if (taken.policy().kind() != RateLimitPolicy.Kind.WINDOW) {
            throw new IllegalArgumentException("only WINDOW policies count events that can be given back: " + taken.policy().name());
        }
        if (taken.cost() == 0) {
            return;
        }
        String key = taken.key(config.keyPrefix());
        if (decidedBy.degraded()) {
            fallback.refund(key, taken.cost(), System.currentTimeMillis());
            return;
        }
        try {
            Request refund = Request.cmd(Command.EVALSHA).arg(REFUND_SCRIPT.sha()).arg(1).arg(key).arg(taken.cost());
            try {
                redis.send(refund).await().atMost(config.redisTimeout());
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                    throw e;
                }
                redis.send(Request.cmd(Command.EVAL).arg(REFUND_SCRIPT.source()).arg(1).arg(key).arg(taken.cost()))
                        .await().atMost(config.redisTimeout());
            }
        } catch (RuntimeException e) {
            LOG.warnf("rate limiter: a refund of %s was dropped (%s)", taken.policy().name(), e.getClass().getSimpleName());
        }
    }

    /**
     * Loads the limiter's script and {@code extra} ones into Redis' script cache, which also
     * opens a first connection: the first decisions after a start then fit in the timeout
     * instead of falling to the in-process limit. Waits up to {@code patience}; a Redis that is
     * away is only logged (the limiter copes with it per request).
     */
    public void warmUp(List<ScriptCall.Script> extra, Duration patience) {
        List<Request> loads = new ArrayList<>(extra.size() + 1);
        loads.add(Request.cmd(Command.SCRIPT).arg("LOAD").arg(LIMIT_SCRIPT.source()));
        extra.forEach(s -> loads.add(Request.cmd(Command.SCRIPT).arg("LOAD").arg(s.source())));
        try {
            redis.batch(loads).await().atMost(patience);
        } catch (RuntimeException e) {
            LOG.warnf("rate limiter: Redis could not be warmed up (%s); the first decisions may be made in process",
                    e.getClass().getSimpleName());
        }
    }

    private List<Response> inRedis(List<LimitCheck> checks, List<ScriptCall> extra) {
        try {
            return send(checks, extra, false);
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                throw e;
            }
            // First use, or Redis restarted: EVAL loads the scripts into Redis' cache.
            return send(checks, extra, true);
        }
    }

    private static List<LimitResult> parse(List<LimitCheck> checks, List<Response> responses) {
        List<LimitResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Response r = responses.get(i);
            results.add(new LimitResult(checks.get(i).policy(), r.get(0).toLong() == 1, r.get(1).toLong(),
                    InProcessLimiter.seconds(r.get(2).toLong()), InProcessLimiter.seconds(r.get(3).toLong())));
        }
        return results;
    }

    private List<Response> send(List<LimitCheck> checks, List<ScriptCall> extra, boolean withSource) {
        List<Request> requests = new ArrayList<>(checks.size() + extra.size());
        for (LimitCheck check : checks) {
            RateLimitPolicy p = check.policy();
            requests.add(script(LIMIT_SCRIPT, withSource).arg(1).arg(check.key(config.keyPrefix()))
                    .arg(p.kind() == RateLimitPolicy.Kind.RATE ? "rate" : "window")
                    .arg(p.emissionIntervalMillis()).arg(p.burstToleranceMillis())
                    .arg(p.limit()).arg(p.period().toMillis()).arg(check.cost()));
        }
        for (ScriptCall call : extra) {
            Request r = script(call.script(), withSource).arg(call.keys().size());
            call.keys().forEach(r::arg);
            call.args().forEach(r::arg);
            requests.add(r);
        }
        return redis.batch(requests).await().atMost(config.redisTimeout());
    }

    private static Request script(ScriptCall.Script script, boolean withSource) {
        return withSource ? Request.cmd(Command.EVAL).arg(script.source()) : Request.cmd(Command.EVALSHA).arg(script.sha());
    }

}
