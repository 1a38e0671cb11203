package io.trackguard.tracking.abuse;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.trackguard.tracking.audit.AccessLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes security events to the Redis Stream that notification-service reads (field by
 * field: README "Detection"), counts them by type in the metric
 * {@code trackguard_security_events_total}, and logs them. Events carry pseudonyms and counts,
 * never personal data.
 */
@ApplicationScoped
public class SecurityEvents {

    private static final Logger LOG = Logger.getLogger(SecurityEvents.class);

    private final AbuseConfig config;
    private final StreamCommands<String, String, String> streams;
    private final MeterRegistry metrics;
    private final AccessLog accessLog;

    public SecurityEvents(AbuseConfig config, RedisDataSource redis, MeterRegistry metrics, AccessLog accessLog) {
        this.config = config;
        this.streams = redis.stream(String.class);
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    void emit(Map<String, String> event) {
        String type = event.get("type");
        metrics.counter("trackguard.security.events", "type", type).increment();
        String who = event.getOrDefault("actor", event.getOrDefault("partner", "all clients"));
        // notification-service reads the incident's scope from the audit log: every record appended
        // before the event (by any replica: they share the stream) is in PostgreSQL first, so the scope
        // never misses a lookup; bounded by trackguard.audit.catch-up-timeout, and the event goes out anyway.
        try {
            accessLog.flush();
        } catch (RuntimeException e) {
            LOG.warnf("access records could not all be written before security event %s: %s", type, e.getClass().getSimpleName());
        }
        try {
            streams.xadd(config.stream(), new XAddArgs().maxlen(config.streamMaxLength()).nearlyExactTrimming(), event);
            LOG.warnf("security event %s: %s (%s)", type, who, event.get("evidence"));
        } catch (RuntimeException e) {
            // What it set in motion (a block, a guarded mode) stands; the event is what would be lost, so say so loudly.
            LOG.errorf("security event %s for %s could not be written to %s: %s", type, who, config.stream(), e.getClass().getSimpleName());
        }
    }
}
