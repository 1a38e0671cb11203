package io.trackguard.tracking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** tracking-service's own settings (environment: TRACKGUARD_TRACKING_*). */
@ConfigMapping(prefix = "trackguard.tracking")
public interface TrackingConfig {

    /** Time zone in which a delivery time becomes the date shown to the public. */
    @WithDefault("America/Toronto")
    ZoneId displayZone();
}
