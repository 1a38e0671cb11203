package io.trackguard.notification.support;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Writes security events on this test run's stream, as tracking-service does. */
public final class Events {

    private Events() {
    }

    public static String stream() {
        return ConfigProvider.getConfig().getValue("trackguard.notify.events.stream", String.class);
    }

    public static String add(Map<String, String> fields) {
        return Arc.container().instance(RedisDataSource.class).get().stream(String.class).xadd(stream(), fields);
    }

    /** An ENUMERATION_SUSPECTED event about one actor, blocked, over the last ten minutes. */
    public static Map<String, String> enumeration(String actor, int distinct) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("type", "ENUMERATION_SUSPECTED");
        e.put("actor", actor);
        e.put("windowStart", Instant.now().minusSeconds(600).toString());
        e.put("windowEnd", Instant.now().toString());
        e.put("distinctNumbers", String.valueOf(distinct));
        e.put("misses", "0");
        e.put("failedVerifications", "0");
        e.put("evidence", distinct + " distinct tracking numbers in PT10M");
        e.put("blockedUntil", Instant.now().plusSeconds(1800).toString());
        e.put("source", "tracking-service");
        return e;
    }

    public static Map<String, String> scraping(String partner) {
        Map<String, String> e = enumeration("ip:unused", 40);
        e.remove("actor");
        e.remove("blockedUntil");
        e.put("type", "DISTRIBUTED_SCRAPING");
        e.put("partner", partner);
        e.put("evidence", "40 distinct numbers of partner " + partner + " from 35 addresses");
        return new LinkedHashMap<>(e);
    }

    /** A MISSES_SURGE event as tracking-service's MissesSignal writes it: all clients together, no actor, no partner. */
    public static Map<String, String> missesSurge(int misses) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("type", "MISSES_SURGE");
        e.put("windowStart", Instant.now().minusSeconds(60).toString());
        e.put("windowEnd", Instant.now().toString());
        e.put("distinctNumbers", "0");
        e.put("misses", String.valueOf(misses));
        e.put("failedVerifications", "0");
        e.put("evidence", misses + " public lookups matched nothing in PT1M, all clients together (normal about 40 per window, threshold 1000)");
        e.put("source", "tracking-service");
        return e;
    }
}
