package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackguard.gateway.idempotency.IdempotencyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Creates through tracking-service under an Idempotency-Key. When an earlier request with the
 * same key ended without an answer (a timeout), the shipment may exist already: tracking-service
 * then refuses the order reference as a duplicate, and the shipment it holds under that
 * reference is the answer, so a retry never creates twice and never fails for having worked.
 */
@ApplicationScoped
public class ShipmentCreation {

    /** The outcome to send and to remember. */
    public record Outcome(int status, JsonNode body) {
    }

    private final TrackingServiceClient tracking;

    public ShipmentCreation(TrackingServiceClient tracking) {
        this.tracking = tracking;
    }

    public Outcome create(JsonNode shipment, boolean afterUnknownOutcome) {
        TrackingServiceClient.Answer answer = tracking.create(shipment);
        if (answer.status() == 409 && afterUnknownOutcome
                && "urn:trackguard:problem:duplicate-order-reference".equals(answer.body().path("type").asText())) {
            TrackingServiceClient.Answer existing = tracking.list(shipment.path("orderReference").asText(), null, null, null, null, 1);
            JsonNode items = existing.body() == null ? null : existing.body().path("items");
            if (existing.status() == 200 && items != null && items.size() == 1) {
                return new Outcome(201, items.get(0));
            }
        }
        return new Outcome(answer.status(), answer.body());
    }

    /** Runs {@code work} and records its outcome under the key; a failure with no answer is recorded as unknown. */
    public static <T> T remembered(IdempotencyStore store, String partnerId, String key, java.util.function.Supplier<T> work,
                                   Function<T, Integer> status, Function<T, String> body, Function<T, String> location) {
        T result;
        try {
            result = work.get();
        } catch (TrackingServiceUnavailableException | FaultToleranceException | jakarta.ws.rs.ProcessingException e) {
            store.complete(partnerId, key, IdempotencyStore.OUTCOME_UNKNOWN, null, null);
            throw e;
        }
        store.complete(partnerId, key, status.apply(result), body.apply(result), location.apply(result));
        return result;
    }
}
