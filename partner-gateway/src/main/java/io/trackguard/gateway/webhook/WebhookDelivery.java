package io.trackguard.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One delivery to a partner's subscription with its attempts, as notification-service's delivery log
 * answers it (its DeliveryLog.Delivery, read by {@link DeliveryRelay}) and the partner sees it: the same
 * fields, left out when empty.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WebhookDelivery", description = "One delivery of an event to your endpoint")
public record WebhookDelivery(
        @Schema(description = "The webhook-id header of every attempt") @JsonProperty(required = true) UUID id,
        UUID subscriptionId,
        @Schema(examples = "shipment.delivered") String type,
        @Schema(description = "PENDING, DELIVERED or FAILED", examples = "PENDING") @JsonProperty(required = true) String status,
        @Schema(description = "Attempts so far", minimum = "0", maximum = "1000") int attempts,
        @Schema(description = "When it is tried next, while PENDING") Instant nextAttemptAt,
        @Schema(description = "Your endpoint's status code at the last attempt", examples = "503", minimum = "100", maximum = "599") Integer lastStatusCode,
        @Schema(description = "Why the last attempt failed, when there was no status code") String lastError,
        Instant createdAt,
        Instant deliveredAt,
        @Schema(description = "The attempts, first first") List<Attempt> log) {

    /** One attempt: when, the endpoint's status code or the error, how long it took. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookAttempt")
    public record Attempt(
            @Schema(description = "1 for the first attempt", minimum = "1", maximum = "1000") int n,
            Instant at,
            @Schema(examples = "200", minimum = "100", maximum = "599") Integer statusCode,
            String error,
            @Schema(description = "How long the attempt took", minimum = "0", maximum = "600000") int durationMs) {
    }
}
