package io.trackguard.ratelimit;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Flags in Redis that refuse a subject outright, whatever its limits: a disabled partner. Every
 * replica of every service reads the same key, in the same round trip as the subject's limits
 * ({@link RateLimiter#decideWith}), so a flag set on one replica refuses on all at once.
 */
@ApplicationScoped
public class Flags {

    /** Set by partner-gateway when a partner is disabled; read by the gateway and tracking-service on each partner call. */
    public static final String PARTNER_DISABLED = "partner-disabled";

    private static final ScriptCall.Script EXISTS = ScriptCall.Script.of("return redis.call('EXISTS', KEYS[1])");

    private final Redis redis;
    private final RateLimiterConfig config;

    public Flags(Redis redis, RateLimiterConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The read of a flag, to send with a limiter decision. */
    public ScriptCall read(String flag, String subject) {
        return new ScriptCall(EXISTS, List.of(key(flag, subject)), List.of());
    }

    /** Whether the answer to {@link #read} says the flag is set. */
    public static boolean isSet(Response answer) {
        return answer != null && answer.toLong() == 1;
    }

    /** Sets the flag for good (until cleared); fails when Redis cannot be reached. */
    public void set(String flag, String subject) {
        redis.send(Request.cmd(Command.SET).arg(key(flag, subject)).arg("1")).await().atMost(config.redisTimeout().multipliedBy(4));
    }

    public void clear(String flag, String subject) {
        redis.send(Request.cmd(Command.DEL).arg(key(flag, subject))).await().atMost(config.redisTimeout().multipliedBy(4));
    }

    /** Hash-tagged like the limiter's keys, so it works unchanged on a Redis Cluster. */
    String key(String flag, String subject) {
        return config.flagPrefix() + "{" + flag + ":" + subject + "}";
    }
}
