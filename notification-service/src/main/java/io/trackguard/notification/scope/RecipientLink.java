package io.trackguard.notification.scope;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A single-use "who looked at my parcel" link from tracking-service's
 * {@code POST /internal/v1/recipient-links}: the page path that spends it, and when it expires.
 * The token is never stored here; it goes into the notice and nowhere else.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecipientLink(String token, String path, Instant expiresAt) {

    /** What is asked: a link for this shipment. */
    @RegisterForReflection
    public record Request(String trackingNumber) {
    }
}
