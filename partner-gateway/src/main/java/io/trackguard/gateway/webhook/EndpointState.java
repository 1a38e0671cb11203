package io.trackguard.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * What notification-service knows of one of a partner's endpoints (its DeliveryLog.Endpoint): failing
 * since when, or disabled and why. Read by {@link DeliveryRelay} into {@link WebhookService.Delivery}.
 */
@RegisterForReflection
public record EndpointState(@JsonProperty(required = true) UUID subscriptionId, Instant failingSince, Instant disabledAt,
                            String disabledReason) {
}
