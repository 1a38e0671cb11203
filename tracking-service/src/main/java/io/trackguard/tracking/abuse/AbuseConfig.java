package io.trackguard.tracking.abuse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Enumeration and scraping detection (environment: TRACKGUARD_ABUSE_*): per-actor counters
 * (one address, its IPv6 /56 and /48, one staff agent) and signals that no address change
 * walks around (distinct numbers of one partner, misses across all clients).
 */
@ConfigMapping(prefix = "trackguard.abuse")
public interface AbuseConfig {

    /** Prefix of the counters in Redis. */
    @WithDefault("tg:abuse:")
    String keyPrefix();

    /** The Redis Stream that security events go to; notification-service reads it. */
    @WithDefault("trackguard:security-events")
    String stream();

    /** The window over which a public actor's counters add up. */
    @WithDefault("10m")
    Duration window();

    /** Distinct tracking numbers one client (an IPv4 address, an IPv6 /64) may look up per window; one more blocks it. */
    @WithDefault("12")
    int distinctNumbers();

    /** Lookups of numbers that match nothing, per client and window. */
    @WithDefault("20")
    int misses();

    /** Failed recipient verifications across shipments, per client and window. */
    @WithDefault("6")
    int failedVerifications();

    /** How long a blocked actor (client, network, agent) stays blocked. */
    @WithDefault("30m")
    Duration coolOff();

    /** Security events kept in the stream (approximately; older ones are trimmed). */
    @WithDefault("100000")
    long streamMaxLength();

    /** An IPv6 /56 (a household or small site, up to 256 /64s): its clients' counts together. */
    Thresholds net56();

    /** An IPv6 /48 (a site or an organisation): its clients' counts together. */
    Thresholds net48();

    /** Most client pseudonyms (ip:...) a network's event lists in {@code actors}. */
    @WithDefault("100")
    int networkMembers();

    /** Recent blocks each replica keeps, so blocked actors stay blocked while Redis is away. */
    @WithDefault("100000")
    int localBlocks();

    /** One staff agent: the same detection over shipments viewed in the staff view. */
    Staff staff();

    /** Distinct numbers of one partner looked up publicly per window, against the partner's normal rate. */
    Signal partner();

    /** Public lookups that match nothing, from all clients together, against their normal rate. */
    Signal globalMisses();

    /** How often each replica reloads the guarded partners from the database. */
    @WithDefault("5s")
    Duration guardRefresh();

    interface Thresholds {
        /** Distinct tracking numbers per window; one more blocks the network. */
        int distinctNumbers();

        /** Misses per window. */
        int misses();

        /** Failed verifications per window. */
        int failedVerifications();
    }

    interface Staff {
        /** The window over which an agent's views add up. */
        @WithDefault("1h")
        Duration window();

        /** Distinct shipments one agent may view per window; one more blocks the agent and raises an event. */
        @WithDefault("40")
        int distinctNumbers();

        /** Staff lookups of numbers that match nothing, per window. */
        @WithDefault("10")
        int misses();

        /** How long a blocked agent stays blocked (a privacy officer looks at the event meanwhile). */
        @WithDefault("1h")
        Duration coolOff();
    }

    interface Signal {
        /** Length of one counting window; the estimate slides over the previous one. */
        @WithDefault("5m")
        Duration window();

        /** Never fires below this count per window, whatever the normal rate (small partners, quiet hours, a fresh Redis). */
        long floor();

        /** Fires when a window's count exceeds this many times the normal rate. */
        @WithDefault("4")
        double factor();

        /** Weight of each completed window in the normal rate (an exponential moving average). */
        @WithDefault("0.05")
        double learningRate();
    }
}
