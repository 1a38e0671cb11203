package io.trackguard.tracking.recipient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A new one-time link: the token, the page path that opens it, and when it expires. */
@RegisterForReflection
public record RecipientLink(String token, String path, Instant expiresAt) {
}
