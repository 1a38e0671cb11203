package io.trackguard.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.OidcClientException;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A partner's delivery log, retries and pings, relayed to notification-service, which owns
 * deliveries (no service reads another's tables). The caller has checked that the subscription
 * is the partner's; notification-service narrows every question to the partner again. Its
 * answers pass through as they are; its being away (connect 1 s, read 4 s) is 503, never a partial answer.
 */
@ApplicationScoped
public class DeliveryRelay {

    private final NotificationServiceApi api;

    public DeliveryRelay(@RestClient NotificationServiceApi api) {
        this.api = api;
    }

    public JsonNode list(String partnerId, UUID subscription, int limit) {
        return answer(() -> api.list(partnerId, subscription.toString(), limit)).orElseThrow();
    }

    /** Empty when notification-service has no such delivery of the partner's to retry. */
    public Optional<JsonNode> retry(String partnerId, UUID subscription, UUID delivery) {
        return answer(() -> api.retry(delivery.toString(), partnerId, subscription.toString()));
    }

    public JsonNode ping(String partnerId, UUID subscription) {
        return answer(() -> api.ping(partnerId, subscription.toString())).orElseThrow();
    }

    /**
     * The state of the partner's endpoints, by subscription (only those ever tried); empty when
     * notification-service cannot say just now: a list of subscriptions does not fail for it.
     */
    public Optional<Map<UUID, WebhookService.Delivery>> endpoints(String partnerId) {
        try {
            JsonNode all = answer(() -> api.endpoints(partnerId)).orElseThrow();
            Map<UUID, WebhookService.Delivery> out = new HashMap<>();
            for (JsonNode e : all) {
                out.put(UUID.fromString(e.path("subscriptionId").asText()), WebhookService.Delivery.of(
                        instant(e.get("failingSince")), instant(e.get("disabledAt")), text(e.get("disabledReason"))));
            }
            return Optional.of(out);
        } catch (ProblemException | IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Delivers to the partner's disabled endpoint again. */
    public void enable(String partnerId, UUID subscription) {
        answer(() -> api.enable(subscription.toString(), partnerId)).orElseThrow(DeliveryRelay::unavailable);
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private interface Call {
        Response call();
    }

    private static Optional<JsonNode> answer(Call call) {
        Response r;
        try {
            r = call.call();
        } catch (ProcessingException | OidcClientException e) {
            throw unavailable();
        }
        try (r) {
            if (r.getStatus() == 404) {
                return Optional.empty();
            }
            if (r.getStatus() != 200 && r.getStatus() != 202) {
                throw unavailable();
            }
            return Optional.of(r.readEntity(JsonNode.class));
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.typed("deliveries-unavailable", 503, "Delivery log unavailable",
                "The delivery log cannot be reached just now; try again shortly."));
    }
}
