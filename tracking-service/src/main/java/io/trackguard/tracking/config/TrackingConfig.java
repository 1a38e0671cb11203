package io.trackguard.tracking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** tracking-service's own settings (environment: TRACKGUARD_TRACKING_*). */
@ConfigMapping(prefix = "trackguard.tracking")
public interface TrackingConfig {

    /** Time zone in which a delivery time becomes the date shown to the public. */
    @WithDefault("America/Toronto")
    ZoneId displayZone();

    /** Address ranges of the proxies whose forwarding headers are believed; empty: none. */
    Optional<List<String>> trustedProxies();

    /**
     * The one forwarding header the trusted proxies write: {@code x-forwarded-for} or
     * {@code forwarded} (RFC 7239). The other is never read, so a client cannot slip in the
     * header the proxy passes through untouched.
     */
    @WithDefault("x-forwarded-for")
    ForwardedHeader forwardedHeader();

    enum ForwardedHeader { X_FORWARDED_FOR, FORWARDED }

    /** HMAC key of the pseudonyms that stand for client addresses and tried numbers (32+ characters). Set in production. */
    String pseudonymKey();

    /** Id of the current pseudonym key, so that the one it replaces can be named among the previous ones. */
    @WithDefault("1")
    String pseudonymKeyId();

    /**
     * Keys that were current before, by id: recipient sessions and links made under them still
     * prove the recipient until they expire (README "Key rotation"). New pseudonyms use the current key only.
     */
    Map<String, String> previousPseudonymKeys();
}
