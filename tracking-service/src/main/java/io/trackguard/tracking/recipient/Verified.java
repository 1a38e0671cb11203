package io.trackguard.tracking.recipient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A recipient session: present it as the Recipient-Session header (the page uses a cookie). */
@RegisterForReflection
public record Verified(String trackingNumber, String session, Instant expiresAt) {
}
