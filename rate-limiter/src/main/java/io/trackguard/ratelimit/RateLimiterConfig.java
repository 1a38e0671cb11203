package io.trackguard.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the limiter itself (environment: TRACKGUARD_RATELIMIT_*); the policies belong to each service. */
@ConfigMapping(prefix = "trackguard.ratelimit")
public interface RateLimiterConfig {

    /** Prefix of every limiter key in Redis; tests use their own. */
    @WithDefault("tg:rl:")
    String keyPrefix();

    /**
     * Prefix of the flags that refuse a subject outright (a disabled partner). Shared by every service
     * that reads or sets them: tracking-service and partner-gateway use the same value.
     */
    @WithDefault("tg:flag:")
    String flagPrefix();

    /** How long a decision may wait for Redis before the in-process fallback decides. */
    @WithDefault("250ms")
    Duration redisTimeout();

    /** Share of each limit that the in-process fallback grants while Redis is unreachable. */
    @WithDefault("0.2")
    double degradedFactor();

    /**
     * Keys the in-process fallback keeps per replica while Redis is away; past it, the key used
     * least recently is forgotten first.
     */
    @WithDefault("100000")
    int fallbackMaxKeys();

    /** After a Redis failure, how long to decide in process before asking Redis again. */
    @WithDefault("2s")
    Duration redisRetryAfterFailure();
}
