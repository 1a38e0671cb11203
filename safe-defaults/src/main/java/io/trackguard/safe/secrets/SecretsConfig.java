package io.trackguard.safe.secrets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** Which of a service's settings are secrets, and what a secret must be (environment: TRACKGUARD_SECRETS_*). */
@ConfigMapping(prefix = "trackguard.secrets")
public interface SecretsConfig {

    /** The configuration keys that hold this service's secrets: each must be set, long enough and not a demo value. */
    List<String> keys();

    /** The shortest value accepted for a secret. */
    @WithDefault("16")
    int minLength();

    /** A longer minimum for some keys, by key (a signing key, say). */
    Map<String, Integer> minLengthOf();

    /**
     * Accept values that start with {@code demo-only}: the dev and test profiles, the local stack and
     * the end-to-end suite only. Missing and short secrets are refused even then.
     */
    @WithDefault("false")
    boolean allowDemoValues();
}
