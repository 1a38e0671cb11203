package io.trackguard.ratelimit;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.util.Arrays;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Another replica's limiter, for tests: the same configuration as this application's (key
 * prefix, Redis, client type), but a Redis client and connections of its own, as a second
 * pod would have. Close it after use.
 */
public final class OtherReplica implements AutoCloseable {

    private final Redis client;
    private final RateLimiter limiter;

    private OtherReplica(Redis client, RateLimiter limiter) {
        this.client = client;
        this.limiter = limiter;
    }

    public static OtherReplica open(Vertx vertx, RateLimiterConfig config) {
        Config c = ConfigProvider.getConfig();
        String clientType = c.getOptionalValue("quarkus.redis.client-type", String.class).orElse("standalone");
        Redis client = Redis.createClient(vertx, new RedisOptions()
                .setType("cluster".equalsIgnoreCase(clientType) ? RedisClientType.CLUSTER : RedisClientType.STANDALONE)
                .setEndpoints(Arrays.asList(c.getValue("quarkus.redis.hosts", String.class).split(","))));
        return new OtherReplica(client, new RateLimiter(client, config, clientType));
    }

    public RateLimiter limiter() {
        return limiter;
    }

    @Override
    public void close() {
        client.close();
    }
}
