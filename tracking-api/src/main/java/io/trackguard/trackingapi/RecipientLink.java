package io.trackguard.trackingapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new one-time link for a shipment's recipient: the token, the page path that opens it, and when it expires. */
@RegisterForReflection
@Schema(name = "RecipientLink", description = "A one-time link proving the recipient; append path to the tracking site")
public record RecipientLink(
        @Schema(maxLength = 1000) @JsonProperty(required = true) String token,
        @Schema(maxLength = 1100) @JsonProperty(required = true) String path,
        @Schema(examples = "2026-12-05T10:00:00Z") @JsonProperty(required = true) Instant expiresAt) {
}
