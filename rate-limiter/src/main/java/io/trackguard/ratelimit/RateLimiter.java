package io.trackguard.ratelimit;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
    private static final String SCRIPT_SHA = sha1(GcraScript.SOURCE);

    private final Redis redis;
    private final RateLimiterConfig config;
    private final InProcessLimiter fallback = new InProcessLimiter();
    /** Until when Redis is skipped after a failure (epoch ms), so a dead Redis does not cost a timeout per request. */
    private final AtomicLong redisSkippedUntil = new AtomicLong();

    public RateLimiter(Redis redis, RateLimiterConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public LimitDecision decide(List<LimitCheck> checks) {
        if (checks.isEmpty()) {
            return new LimitDecision(List.of(), false);
        }
        if (System.currentTimeMillis() >= redisSkippedUntil.get()) {
            try {
                return new LimitDecision(inRedis(checks), false);
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
        return new LimitDecision(results, true);
    }

    public LimitDecision decide(LimitCheck... checks) {
        return decide(List.of(checks));
    }

    private List<LimitResult> inRedis(List<LimitCheck> checks) {
        List<Response> responses;
        try {
            responses = send(checks, Command.EVALSHA, SCRIPT_SHA);
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                throw e;
            }
            // First use, or Redis restarted: EVAL loads the script into Redis' cache.
            responses = send(checks, Command.EVAL, GcraScript.SOURCE);
        }
        List<LimitResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Response r = responses.get(i);
            results.add(new LimitResult(checks.get(i).policy(), r.get(0).toLong() == 1, r.get(1).toLong(),
                    InProcessLimiter.seconds(r.get(2).toLong()), InProcessLimiter.seconds(r.get(3).toLong())));
        }
        return results;
    }

    private List<Response> send(List<LimitCheck> checks, Command command, String script) {
        List<Request> requests = new ArrayList<>(checks.size());
        for (LimitCheck check : checks) {
            RateLimitPolicy p = check.policy();
            requests.add(Request.cmd(command).arg(script).arg(1).arg(check.key(config.keyPrefix()))
                    .arg(p.kind() == RateLimitPolicy.Kind.RATE ? "rate" : "window")
                    .arg(p.emissionIntervalMillis()).arg(p.burstToleranceMillis())
                    .arg(p.limit()).arg(p.period().toMillis()).arg(check.cost()));
        }
        return redis.batch(requests).await().atMost(config.redisTimeout());
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
