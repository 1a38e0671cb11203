package io.trackguard.tracking.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The shipment-event outbox and its relay to Redis (environment: TRACKGUARD_EVENTS_*). */
@ConfigMapping(prefix = "trackguard.events")
public interface EventsConfig {

    /** The Redis stream that notification-service reads (its TRACKGUARD_NOTIFY_WEBHOOKS_STREAM). */
    @WithDefault("trackguard:shipment-events")
    String stream();

    /** Entries kept in the stream, about (XADD MAXLEN ~): days of events at peak; consumers are seconds behind. */
    @WithDefault("1000000")
    long streamMaxLength();

    /**
     * How often the relay looks at the outbox unasked: each commit in this replica wakes it at
     * once, so this only takes rows a crashed replica left ("off": never unasked).
     */
    @WithDefault("15s")
    String relayFallbackInterval();

    /** Outbox rows relayed per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long relayed rows stay in the outbox (they carry the partner's view: personal data). */
    @WithDefault("P7D")
    Duration keep();
}
