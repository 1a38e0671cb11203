package io.trackguard.ratelimit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The limiter of tracking-service and partner-gateway. Each key of a decision goes through
 * the same atomic script on that single key, so any number of replicas share one state. On a
 * standalone Redis all keys of one decision (and the extra scripts sent with it) go in one
 * pipelined round trip. On a Redis Cluster ({@code quarkus.redis.client-type=cluster}) a
 * pipeline may only hold keys of one node, so the calls are grouped by hash tag (one slot
 * each) and the groups are sent at once, each its own pipeline: one round trip's wait, one
 * batch per slot touched.
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
    /** A Redis Cluster: one pipeline per hash slot. */
    private final boolean cluster;
    private final InProcessLimiter fallback;
    /** Until when Redis is skipped after a failure (epoch ms), so a dead Redis does not cost a timeout per request. */
    private final AtomicLong redisSkippedUntil = new AtomicLong();

    /** {@code clientType}: the Quarkus Redis client's type ({@code standalone}, {@code cluster}, ...). */
    public RateLimiter(Redis redis, RateLimiterConfig config,
                       @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.redis = redis;
        this.config = config;
        this.cluster = "cluster".equalsIgnoreCase(clientType);
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
     * away is only logged (the limiter copes with it per request). On a Redis Cluster the loads
     * reach one node (the client cannot aim a keyless command); the other nodes get each script
     * at its first use there, by the EVAL that follows a NOSCRIPT answer.
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
        List<ScriptCall> calls = new ArrayList<>(checks.size() + extra.size());
        for (LimitCheck check : checks) {
            RateLimitPolicy p = check.policy();
            calls.add(new ScriptCall(LIMIT_SCRIPT, List.of(check.key(config.keyPrefix())),
                    List.of(p.kind() == RateLimitPolicy.Kind.RATE ? "rate" : "window", String.valueOf(p.emissionIntervalMillis()),
                            String.valueOf(p.burstToleranceMillis()), String.valueOf(p.limit()), String.valueOf(p.period().toMillis()),
                            String.valueOf(check.cost()))));
        }
        calls.addAll(extra);
        if (!cluster) {
            return pipeline(calls).await().indefinitely();
        }
        // a cluster pipeline holds one node's keys only: one pipeline per slot, all sent at once
        Map<String, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            bySlot.computeIfAbsent(calls.get(i).slotTag(), tag -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = List.copyOf(bySlot.values());
        List<Uni<List<Response>>> pipelines = new ArrayList<>(groups.size());
        for (List<Integer> group : groups) {
            pipelines.add(pipeline(group.stream().map(calls::get).toList()));
        }
        List<List<Response>> answers = Uni.join().all(pipelines).andFailFast().await().indefinitely();
        Response[] inOrder = new Response[calls.size()];
        for (int g = 0; g < groups.size(); g++) {
            for (int j = 0; j < groups.get(g).size(); j++) {
                inOrder[groups.get(g).get(j)] = answers.get(g).get(j);
            }
        }
        return Arrays.asList(inOrder);
    }

    /**
     * The calls in one pipeline, by EVALSHA; again by EVAL when Redis does not have a script
     * (first use, a restart, a node of a cluster that has not run it yet). Each try has the timeout.
     */
    private Uni<List<Response>> pipeline(List<ScriptCall> calls) {
        Duration timeout = config.redisTimeout();
        return redis.batch(requests(calls, false)).ifNoItem().after(timeout).fail()
                .onFailure(e -> String.valueOf(e.getMessage()).contains("NOSCRIPT"))
                .recoverWithUni(() -> redis.batch(requests(calls, true)).ifNoItem().after(timeout).fail());
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

    private static List<Request> requests(List<ScriptCall> calls, boolean withSource) {
        List<Request> requests = new ArrayList<>(calls.size());
        for (ScriptCall call : calls) {
            Request r = script(call.script(), withSource).arg(call.keys().size());
            call.keys().forEach(r::arg);
            call.args().forEach(r::arg);
            requests.add(r);
        }
        return requests;
    }

    private static Request script(ScriptCall.Script script, boolean withSource) {
        return withSource ? Request.cmd(Command.EVAL).arg(script.source()) : Request.cmd(Command.EVALSHA).arg(script.sha());
    }

}
