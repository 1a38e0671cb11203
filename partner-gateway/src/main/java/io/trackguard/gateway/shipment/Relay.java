package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/** Turns tracking-service's answers into the gateway's, and checks the tenant on the way back. */
@ApplicationScoped
public class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class);

    private final ObjectMapper objectMapper;

    public Relay(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** tracking-service's 4xx problem, passed on under this request's id. */
    public ProblemException problem(TrackingServiceClient.Answer answer) {
        Problem problem = asProblem(answer);
        return new ProblemException(problem);
    }

    public Problem asProblem(TrackingServiceClient.Answer answer) {
        try {
            Problem problem = answer.body() == null ? null : objectMapper.treeToValue(answer.body(), Problem.class);
            if (problem != null && problem.status() == answer.status()) {
                return problem.withRequestId(null);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not a problem document: a plain one instead
        }
        Response.Status status = Response.Status.fromStatusCode(answer.status());
        return Problem.of(answer.status(), status == null ? "Error" : status.getReasonPhrase(), null);
    }

    /**
     * Second line of tenant isolation: tracking-service already answered for this token's
     * partner; a shipment of anyone else is withheld and reported, never passed on.
     */
    public JsonNode owned(String partnerId, JsonNode shipment) {
        if (!partnerId.equals(shipment.path("partnerId").asText())) {
            LOG.errorf("tenant mismatch from tracking-service for partner %s; answer withheld", partnerId);
            throw notFound();
        }
        return shipment;
    }

    /**
     * The same for an answer whose body does not name its partner (a shipment's events):
     * tracking-service names the owner in Trackguard-Partner-Id; no name, or another, and it is withheld.
     */
    public JsonNode ownedBy(String partnerId, TrackingServiceClient.Answer answer) {
        if (!partnerId.equals(answer.owner())) {
            LOG.errorf("tenant mismatch from tracking-service for partner %s (owner %s); answer withheld", partnerId,
                    answer.owner() == null ? "not named" : "another partner");
            throw notFound();
        }
        return answer.body();
    }

    /** The same for a list: one foreign item and the whole answer is withheld. */
    public JsonNode ownedPage(String partnerId, JsonNode page) {
        for (JsonNode item : page.path("items")) {
            if (!partnerId.equals(item.path("partnerId").asText())) {
                LOG.errorf("tenant mismatch in a list from tracking-service for partner %s; answer withheld", partnerId);
                throw new ProblemException(Problem.typed("tracking-unavailable", 503, "Service unavailable",
                        "Shipments cannot be listed right now; try again later."), java.util.Map.of("Retry-After", "5"));
            }
        }
        return page;
    }

    public static ProblemException notFound() {
        return new ProblemException(Problem.typed("shipment-not-found", 404, "Shipment not found",
                "No shipment with this tracking number is visible to you."));
    }

    public String json(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
