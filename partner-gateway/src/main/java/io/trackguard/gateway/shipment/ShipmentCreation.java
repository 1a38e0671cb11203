package io.trackguard.gateway.shipment;

import io.trackguard.gateway.idempotency.IdempotencyStore;
import io.trackguard.problem.Problem;
import io.trackguard.trackingapi.NewShipment;
import io.trackguard.trackingapi.PartnerShipment;
import io.trackguard.trackingapi.ShipmentPage;
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

    static final String DUPLICATE_ORDER_REFERENCE = Problem.TYPE_PREFIX + "duplicate-order-reference";

    /** The outcome to send and to remember: the shipment (201) or tracking-service's problem. */
    public record Outcome(int status, PartnerShipment shipment, Problem problem) {
    }

    private final TrackingServiceClient tracking;

    public ShipmentCreation(TrackingServiceClient tracking) {
        this.tracking = tracking;
    }

    public Outcome create(NewShipment shipment, boolean afterUnknownOutcome) {
        TrackingServiceClient.Answer<PartnerShipment> answer = tracking.create(shipment);
        if (answer.status() == 409 && afterUnknownOutcome && shipment.orderReference() != null
                && DUPLICATE_ORDER_REFERENCE.equals(answer.problem().type())) {
            TrackingServiceClient.Answer<ShipmentPage> existing = tracking.list(shipment.orderReference(), null, null, null, null, 1);
            if (existing.status() == 200 && existing.body().items().size() == 1) {
                return new Outcome(201, existing.body().items().get(0), null);
            }
        }
        if (answer.ok() && answer.status() != 201) {
            throw new TrackingServiceAnswerInvalidException(answer.status(), "status");
        }
        return new Outcome(answer.status(), answer.body(), answer.problem());
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
