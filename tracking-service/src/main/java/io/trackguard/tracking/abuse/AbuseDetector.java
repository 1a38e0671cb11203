package io.trackguard.tracking.abuse;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.trackguard.ratelimit.ScriptCall;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Enumeration and scraping detection: per actor and window, distinct numbers looked up,
 * misses, and failed verifications across shipments. Crossing a threshold blocks the actor
 * for a cool-off and emits one security event for the episode on the Redis Stream, which
 * notification-service consumes to open an incident.
 *
 * <p>The counting runs in the same Redis round trip as the rate limiter's decision
 * ({@link #call}); this class reads the answer and emits the event.
 */
@ApplicationScoped
public class AbuseDetector {

    private static final Logger LOG = Logger.getLogger(AbuseDetector.class);

    /** What the counters say after this request. */
    public record Verdict(boolean blocked, boolean newlyBlocked, Duration blockedFor, long distinctNumbers, long misses,
                          long failedVerifications, Duration windowLeft) {

        static final Verdict UNKNOWN = new Verdict(false, false, Duration.ZERO, 0, 0, 0, Duration.ZERO);
    }

    private final AbuseConfig config;
    private final RedisDataSource redis;

    public AbuseDetector(AbuseConfig config, RedisDataSource redis) {
        this.config = config;
        this.redis = redis;
    }

    /** The counting call for one request: a number looked up (its hash, or null), misses and failures to add. */
    public ScriptCall call(String actor, String numberHash, int misses, int failedVerifications) {
        String tag = "{" + actor + "}";
        return new ScriptCall(AbuseScript.SCRIPT,
                List.of(config.keyPrefix() + tag + ":numbers", config.keyPrefix() + tag + ":misses",
                        config.keyPrefix() + tag + ":verify-failures", config.keyPrefix() + tag + ":block"),
                List.of(numberHash == null ? "" : numberHash, String.valueOf(misses), String.valueOf(failedVerifications),
                        String.valueOf(config.window().toMillis()), String.valueOf(config.distinctNumbers()),
                        String.valueOf(config.misses()), String.valueOf(config.failedVerifications()),
                        String.valueOf(config.coolOff().toMillis())));
    }

    /** Reads the script's answer; on the first crossing of an episode, emits the security event. */
    public Verdict read(String actor, Response answer) {
        if (answer == null) {
            return Verdict.UNKNOWN;
        }
        Verdict v = new Verdict(answer.get(0).toLong() == 1, answer.get(1).toLong() == 1, Duration.ofMillis(answer.get(2).toLong()),
                answer.get(3).toLong(), answer.get(4).toLong(), answer.get(5).toLong(), Duration.ofMillis(Math.max(0, answer.get(6).toLong())));
        if (v.newlyBlocked()) {
            emit(actor, v);
        }
        return v;
    }

    private void emit(String actor, Verdict v) {
        Instant now = Instant.now();
        Instant windowStart = now.minus(config.window()).plus(v.windowLeft());
        Map<String, String> event = new LinkedHashMap<>();
        event.put("type", "ENUMERATION_SUSPECTED");
        event.put("actor", actor);
        event.put("windowStart", windowStart.toString());
        event.put("windowEnd", now.toString());
        event.put("distinctNumbers", String.valueOf(v.distinctNumbers()));
        event.put("misses", String.valueOf(v.misses()));
        event.put("failedVerifications", String.valueOf(v.failedVerifications()));
        event.put("evidence", evidence(v));
        event.put("blockedUntil", now.plus(v.blockedFor()).toString());
        event.put("source", "tracking-service");
        try {
            redis.stream(String.class).xadd(config.stream(), new XAddArgs().maxlen(config.streamMaxLength()).nearlyExactTrimming(), event);
            LOG.warnf("enumeration suspected: actor %s blocked for %s (%s)", actor, config.coolOff(), event.get("evidence"));
        } catch (RuntimeException e) {
            // The block stands; the event is what would be lost, so say so loudly.
            LOG.errorf("security event for actor %s could not be written to %s: %s", actor, config.stream(), e.getClass().getSimpleName());
        }
    }

    private String evidence(Verdict v) {
        StringBuilder why = new StringBuilder();
        if (v.distinctNumbers() > config.distinctNumbers()) {
            why.append(v.distinctNumbers()).append(" distinct tracking numbers in ").append(config.window());
        }
        if (v.misses() > config.misses()) {
            why.append(why.length() > 0 ? "; " : "").append(v.misses()).append(" unknown numbers in ").append(config.window());
        }
        if (v.failedVerifications() > config.failedVerifications()) {
            why.append(why.length() > 0 ? "; " : "").append(v.failedVerifications()).append(" failed verifications in ").append(config.window());
        }
        return why.toString();
    }
}
