package io.trackguard.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** notification-service's answer to a retry or a ping (202): the delivery queued for an attempt now. */
@RegisterForReflection
@Schema(name = "QueuedDelivery", description = "A delivery queued for an attempt now; it shows in .../deliveries")
public record QueuedDelivery(
        @JsonProperty(required = true) UUID id,
        @Schema(examples = "PENDING") @JsonProperty(required = true) String status) {
}
