package io.trackguard.gateway.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.oidc.client.OidcClientException;
import io.trackguard.gateway.config.GatewayConfig;
import io.trackguard.gateway.contract.AnswerReading;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A partner's delivery log, retries and pings, relayed to notification-service, which owns
 * deliveries (no service reads another's tables). The caller has checked that the subscription
 * is the partner's; notification-service narrows every question to the partner again.
 *
 * <p>Its answers are read into the gateway's records ({@link WebhookDelivery}, {@link QueuedDelivery},
 * {@link EndpointState}) as strictly as tracking-service's: a field the record does not know is left
 * out and logged by name; a body that does not fit (not JSON, a wrong type, a required field missing),
 * an unexpected status, or notification-service being away (connect 1 s, read 4 s) is the 503 problem
 * {@code deliveries-unavailable} with Retry-After, never a partial answer nor a 500.
 */
@ApplicationScoped
public class DeliveryRelay {

    private static final Logger LOG = Logger.getLogger(DeliveryRelay.class);
    private static final String SERVICE = "notification-service";

    private final NotificationServiceApi api;
    private final GatewayConfig config;
    private final ObjectReader deliveries;
    private final ObjectReader queued;
    private final ObjectReader endpoints;

    public DeliveryRelay(@RestClient NotificationServiceApi api, ObjectMapper json, GatewayConfig config) {
        this.api = api;
        this.config = config;
        this.deliveries = AnswerReading.lenientOnNewFields(json.readerFor(new TypeReference<List<WebhookDelivery>>() { }), SERVICE, LOG);
        this.queued = AnswerReading.lenientOnNewFields(json.readerFor(QueuedDelivery.class), SERVICE, LOG);
        this.endpoints = AnswerReading.lenientOnNewFields(json.readerFor(new TypeReference<List<EndpointState>>() { }), SERVICE, LOG);
    }

    public List<WebhookDelivery> list(String partnerId, UUID subscription, int limit) {
        return this.<List<WebhookDelivery>>answer(() -> api.list(partnerId, subscription.toString(), limit), deliveries)
                .orElseThrow(this::unavailable);
    }

    /** Empty when notification-service has no such delivery of the partner's to retry. */
    public Optional<QueuedDelivery> retry(String partnerId, UUID subscription, UUID delivery) {
        return answer(() -> api.retry(delivery.toString(), partnerId, subscription.toString()), queued);
    }

    public QueuedDelivery ping(String partnerId, UUID subscription) {
        return this.<QueuedDelivery>answer(() -> api.ping(partnerId, subscription.toString()), queued).orElseThrow(this::unavailable);
    }

    /**
     * The state of the partner's endpoints, by subscription (only those ever tried); empty when
     * notification-service cannot say just now: a list of subscriptions does not fail for it.
     */
    public Optional<Map<UUID, WebhookService.Delivery>> endpoints(String partnerId) {
        try {
            List<EndpointState> all = this.<List<EndpointState>>answer(() -> api.endpoints(partnerId), endpoints)
                    .orElseThrow(this::unavailable);
            Map<UUID, WebhookService.Delivery> out = new HashMap<>();
            for (EndpointState e : all) {
                out.put(e.subscriptionId(), WebhookService.Delivery.of(e.failingSince(), e.disabledAt(), e.disabledReason()));
            }
            return Optional.of(out);
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    /** Delivers to the partner's disabled endpoint again; only the status of the answer counts. */
    public void enable(String partnerId, UUID subscription) {
        try (Response r = send(() -> api.enable(subscription.toString(), partnerId))) {
            if (r.getStatus() == 404) {
                throw unavailable();
            }
        }
    }

    private interface Call {
        Response call();
    }

    /** The answer read with {@code reader}; empty on a 404. */
    private <T> Optional<T> answer(Call call, ObjectReader reader) {
        try (Response r = send(call)) {
            if (r.getStatus() == 404) {
                return Optional.empty();
            }
            String body;
            try {
                body = r.hasEntity() ? r.readEntity(String.class) : null;
            } catch (ProcessingException e) {
                LOG.warnf("%s's answer could not be read: %s", SERVICE, e.getClass().getSimpleName());
                throw unavailable();
            }
            return Optional.of(read(r.getStatus(), body, reader));
        }
    }

    /** notification-service's answer when it is 200, 202 or 404; anything else, or none, is 503. */
    private Response send(Call call) {
        Response r;
        try {
            r = call.call();
        } catch (ProcessingException | OidcClientException e) {
            LOG.warnf("%s unavailable: %s", SERVICE, e.getClass().getSimpleName());
            throw unavailable();
        }
        int status = r.getStatus();
        if (status != 200 && status != 202 && status != 404) {
            r.close();
            LOG.warnf("%s answered %d; answered 503", SERVICE, status);
            throw unavailable();
        }
        return r;
    }

    private <T> T read(int status, String body, ObjectReader reader) {
        if (body == null || body.isBlank()) {
            throw invalid(status, "body");
        }
        try {
            T value = reader.readValue(body);
            if (value == null || value instanceof List<?> items && items.contains(null)) {
                throw invalid(status, value == null ? "body" : "an item");
            }
            return value;
        } catch (JsonMappingException e) {
            throw invalid(status, AnswerReading.path(e));
        } catch (IOException e) {
            throw invalid(status, "body");
        }
    }

    private ProblemException invalid(int status, String where) {
        LOG.errorf("%s answered %d with a body that does not match the contract at %s; answered 503", SERVICE, status, where);
        return unavailable();
    }

    private ProblemException unavailable() {
        return new ProblemException(Problem.typed("deliveries-unavailable", 503, "Delivery log unavailable",
                "The delivery log cannot be reached just now; try again shortly."),
                Map.of("Retry-After", String.valueOf(config.unavailableRetryAfterSeconds())));
    }
}
