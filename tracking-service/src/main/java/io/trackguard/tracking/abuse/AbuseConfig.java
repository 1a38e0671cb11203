package io.trackguard.tracking.abuse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Enumeration and scraping detection (environment: TRACKGUARD_ABUSE_*). */
@ConfigMapping(prefix = "trackguard.abuse")
public interface AbuseConfig {

    /** Prefix of the per-actor counters in Redis. */
    @WithDefault("tg:abuse:")
    String keyPrefix();

    /** The Redis Stream that security events go to; notification-service reads it. */
    @WithDefault("trackguard:security-events")
    String stream();

    /** The window over which an actor's counters add up. */
    @WithDefault("10m")
    Duration window();

    /** Distinct tracking numbers one actor may look up per window; one more blocks it. */
    @WithDefault("12")
    int distinctNumbers();

    /** Lookups of numbers that match nothing, per actor and window. */
    @WithDefault("20")
    int misses();

    /** Failed recipient verifications across shipments, per actor and window. */
    @WithDefault("6")
    int failedVerifications();

    /** How long a blocked actor stays blocked. */
    @WithDefault("30m")
    Duration coolOff();

    /** Security events kept in the stream (approximately; older ones are trimmed). */
    @WithDefault("100000")
    long streamMaxLength();
}
