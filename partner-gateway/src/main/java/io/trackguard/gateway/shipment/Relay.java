package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.problem.ProblemMappers;
import io.trackguard.trackingapi.NewShipment;
import io.trackguard.trackingapi.PartnerShipment;
import io.trackguard.trackingapi.ShipmentPage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/** Turns tracking-service's answers into the gateway's, and checks the tenant on the way back. */
@ApplicationScoped
public class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class);

    private final ObjectMapper objectMapper;

    public Relay(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /**
     * tracking-service's 4xx problem, passed on under this request's id. A 2xx other than the one the
     * operation answers (a 200 to a create) has no problem to pass on: tracking-service broke its contract.
     */
    public RuntimeException problem(TrackingServiceClient.Answer<?> answer) {
        if (answer.problem() == null) {
            return new TrackingServiceAnswerInvalidException(answer.status(), "status");
        }
        return new ProblemException(answer.problem());
    }

    /**
     * A partner's shipment, bound to the record tracking-service accepts, as strictly as tracking-service
     * binds it (a field it does not know, a value of the wrong type: the same 400 problem it would
     * answer), so that only the contract's fields are ever sent on.
     */
    public NewShipment newShipment(JsonNode shipment) {
        try {
            return objectMapper.treeToValue(shipment, NewShipment.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemMappers.invalidBody(e));
        }
    }

    /**
     * Second line of tenant isolation: tracking-service already answered for this token's
     * partner; a shipment of anyone else is withheld and reported, never passed on.
     */
    public PartnerShipment owned(String partnerId, PartnerShipment shipment) {
        if (!partnerId.equals(shipment.partnerId())) {
            LOG.errorf("tenant mismatch from tracking-service for partner %s; answer withheld", partnerId);
            throw notFound();
        }
        return shipment;
    }

    /**
     * The same for an answer whose body does not name its partner (a shipment's events):
     * tracking-service names the owner in Trackguard-Partner-Id; no name, or another, and it is withheld.
     */
    public <T> T ownedBy(String partnerId, TrackingServiceClient.Answer<T> answer) {
        if (!partnerId.equals(answer.owner())) {
            LOG.errorf("tenant mismatch from tracking-service for partner %s (owner %s); answer withheld", partnerId,
                    answer.owner() == null ? "not named" : "another partner");
            throw notFound();
        }
        return answer.body();
    }

    /** The same for a list: one foreign item and the whole answer is withheld. */
    public ShipmentPage ownedPage(String partnerId, ShipmentPage page) {
        for (PartnerShipment item : page.items()) {
            if (!partnerId.equals(item.partnerId())) {
                LOG.errorf("tenant mismatch in a list from tracking-service for partner %s; answer withheld", partnerId);
                throw new ProblemException(Problem.typed("tracking-unavailable", 503, "Service unavailable",
                        "Shipments cannot be listed right now; try again later."), Map.of("Retry-After", "5"));
            }
        }
        return page;
    }

    public static ProblemException notFound() {
        return new ProblemException(Problem.typed("shipment-not-found", 404, "Shipment not found",
                "No shipment with this tracking number is visible to you."));
    }

    /** The JSON the partner is answered, to remember under an Idempotency-Key: the same mapper writes both. */
    public String json(Object value) {
        try {
            return value == null ? null : objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of the gateway's own could not be written", e);
        }
    }
}
