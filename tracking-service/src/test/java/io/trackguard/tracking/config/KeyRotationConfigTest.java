package io.trackguard.tracking.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trackguard.tracking.recipient.RecipientConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rotation is configured by environment variables alone, as a deployment does it (README "Key rotation"). */
class KeyRotationConfigTest {

    @Test
    void theNewKeyItsIdAndThePreviousKeysComeFromTheEnvironment() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "TRACKGUARD_RECIPIENT_SIGNING_KEY", "new-recipient-signing-key-32-chars-long",
                        "TRACKGUARD_RECIPIENT_SIGNING_KEY_ID", "2",
                        "TRACKGUARD_RECIPIENT_PREVIOUS_SIGNING_KEYS_1", "old-recipient-signing-key-32-chars-long",
                        "TRACKGUARD_TRACKING_PSEUDONYM_KEY", "new-pseudonym-key-of-32-characters!",
                        "TRACKGUARD_TRACKING_PSEUDONYM_KEY_ID", "2",
                        "TRACKGUARD_TRACKING_PREVIOUS_PSEUDONYM_KEYS_1", "old-pseudonym-key-of-32-characters!"), 300))
                .withConverter(Duration.class, 200, new DurationConverter()) // "15m", "7d" as Quarkus reads them
                .withMapping(RecipientConfig.class)
                .withMapping(TrackingConfig.class)
                .build();
        RecipientConfig recipient = config.getConfigMapping(RecipientConfig.class);
        assertEquals("2", recipient.signingKeyId());
        assertEquals(Map.of("1", "old-recipient-signing-key-32-chars-long"), recipient.previousSigningKeys());
        TrackingConfig tracking = config.getConfigMapping(TrackingConfig.class);
        assertEquals("2", tracking.pseudonymKeyId());
        assertEquals(Map.of("1", "old-pseudonym-key-of-32-characters!"), tracking.previousPseudonymKeys());
    }
}
