package io.trackguard.tracking.recipient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Recipient sessions and one-time links (environment: TRACKGUARD_RECIPIENT_*). */
@ConfigMapping(prefix = "trackguard.recipient")
public interface RecipientConfig {

    /** HMAC-SHA256 key that signs sessions and links; at least 32 characters. Set in production. */
    String signingKey();

    /** Id of the signing key, in each token's kid header, so that a token names the key that checks it. */
    @WithDefault("1")
    String signingKeyId();

    /**
     * Keys that signed before, by id: their sessions and links stay valid until they expire (links:
     * link-ttl), then the key can go (README "Key rotation"). Nothing new is signed with them.
     */
    Map<String, String> previousSigningKeys();

    /** How long a verified recipient session lasts. */
    @WithDefault("15m")
    Duration sessionTtl();

    /** How long a one-time link stays valid (it is also spent by its first use). */
    @WithDefault("7d")
    Duration linkTtl();

    /** Mark the session cookie Secure (HTTPS only). Off only for plain-HTTP local runs. */
    @WithDefault("true")
    boolean secureCookie();

    /** From this many failed attempts to prove being the recipient, "who looked" warns the recipient. */
    @WithDefault("3")
    int failedAttemptsWarning();

    /** Prefix of the Redis keys that remember spent links. */
    @WithDefault("tg:link:")
    String spentLinkPrefix();
}
