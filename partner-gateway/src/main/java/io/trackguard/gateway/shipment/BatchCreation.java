package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackguard.gateway.idempotency.IdempotencyStore;
import io.trackguard.gateway.partner.PartnerCaller;
import io.trackguard.gateway.quota.Quota;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/** Up to 100 shipments in one call, each with its own result, under one Idempotency-Key. */
@jakarta.enterprise.context.ApplicationScoped
public class BatchCreation {

    static final int MAX_ITEMS = 100;

    /** One item's result: its index, its status, and the shipment or the problem. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, int status, JsonNode shipment, Problem problem) {
    }

    @RegisterForReflection
    public record BatchResult(List<ItemResult> results) {
    }

    private final ShipmentCreation creation;
    private final IdempotencyStore idempotency;
    private final PartnerCaller caller;
    private final Quota quota;
    private final Relay relay;
    private final ObjectMapper objectMapper;

    public BatchCreation(ShipmentCreation creation, IdempotencyStore idempotency, PartnerCaller caller, Quota quota, Relay relay,
                         ObjectMapper objectMapper) {
        this.creation = creation;
        this.idempotency = idempotency;
        this.caller = caller;
        this.quota = quota;
        this.relay = relay;
        this.objectMapper = objectMapper;
    }

    public Response create(String idempotencyKey, JsonNode body) {
        String partnerId = caller.partnerId();
        JsonNode items = body.path("shipments");
        boolean valid = body.isObject() && items.isArray() && !items.isEmpty() && items.size() <= MAX_ITEMS && body.size() == 1;
        // each shipment is a unit of the partner's quota, as it would be sent alone
        quota.admit(partnerId, valid ? items.size() : 1);
        String key = IdempotencyStore.requireKey(idempotencyKey);
        if (!valid) {
            throw new ProblemException(Problem.typed("invalid-body", 400, "Invalid request body",
                    "The body is {\"shipments\": [...]} with 1 to " + MAX_ITEMS + " shipments."));
        }
        IdempotencyStore.Claim claim = idempotency.claim(partnerId, "batch:" + key, body);
        if (!claim.run()) {
            return ShipmentResource.replay(claim);
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(one(partnerId, i, items.get(i), claim.afterUnknownOutcome()));
        }
        BatchResult result = new BatchResult(results);
        idempotency.complete(partnerId, "batch:" + key, 200, objectMapper.valueToTree(result).toString(), null);
        return Response.ok(result).build();
    }

    private ItemResult one(String partnerId, int index, JsonNode item, boolean afterUnknownOutcome) {
        if (!item.isObject()) {
            return new ItemResult(index, 400, null, Problem.typed("invalid-body", 400, "Invalid request body", "Each shipment is a JSON object."));
        }
        try {
            ShipmentCreation.Outcome outcome = creation.create(item, afterUnknownOutcome);
            if (outcome.status() == 201) {
                return new ItemResult(index, 201, relay.owned(partnerId, outcome.body()), null);
            }
            Problem problem = relay.asProblem(new TrackingServiceClient.Answer(outcome.status(), outcome.body()));
            return new ItemResult(index, outcome.status(), null, problem);
        } catch (TrackingServiceUnavailableException | FaultToleranceException | jakarta.ws.rs.ProcessingException e) {
            return new ItemResult(index, 503, null, Problem.typed("tracking-unavailable", 503, "Service unavailable",
                    "This shipment could not be created now; send it again (a new Idempotency-Key for a new batch)."));
        }
    }
}
