package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackguard.gateway.idempotency.IdempotencyStore;
import io.trackguard.gateway.partner.PartnerCaller;
import io.trackguard.gateway.quota.Quota;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.trackingapi.NewShipment;
import io.trackguard.trackingapi.PartnerShipment;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Up to 100 shipments in one call, each with its own result, under one Idempotency-Key. */
@jakarta.enterprise.context.ApplicationScoped
public class BatchCreation {

    static final int MAX_ITEMS = 100;

    /** One item's result: its index, its status, and the shipment or the problem. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchItemResult", description = "One shipment's result: 201 and the shipment, or a problem")
    public record ItemResult(@Schema(description = "The shipment's place in the batch, from 0", minimum = "0", maximum = "99") int index,
                             @Schema(description = "201, or the problem's status", minimum = "201", maximum = "599") int status,
                             PartnerShipment shipment,
                             @Schema(ref = "#/components/schemas/Problem") Problem problem) {
    }

    @RegisterForReflection
    @Schema(name = "BatchResult", description = "One result per shipment, in the order sent")
    public record BatchResult(List<ItemResult> results) {
    }

    /** The body of a batch, for the OpenAPI document: the gateway reads it itself, one shipment at a time. */
    @Schema(name = "ShipmentBatch", description = "1 to 100 shipments, each created on its own")
    public record ShipmentBatch(@Schema(minItems = 1, maxItems = MAX_ITEMS, required = true) List<NewShipment> shipments) {
    }

    private final ShipmentCreation creation;
    private final IdempotencyStore idempotency;
    private final PartnerCaller caller;
    private final Quota quota;
    private final Relay relay;

    public BatchCreation(ShipmentCreation creation, IdempotencyStore idempotency, PartnerCaller caller, Quota quota, Relay relay) {
        this.creation = creation;
        this.idempotency = idempotency;
        this.caller = caller;
        this.quota = quota;
        this.relay = relay;
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
        idempotency.complete(partnerId, "batch:" + key, 200, relay.json(result), null);
        return Response.ok(result).build();
    }

    private ItemResult one(String partnerId, int index, JsonNode item, boolean afterUnknownOutcome) {
        if (!item.isObject()) {
            return new ItemResult(index, 400, null, Problem.typed("invalid-body", 400, "Invalid request body", "Each shipment is a JSON object."));
        }
        NewShipment shipment;
        try {
            // each item on its own, so that one that does not bind is its own 400 and the others are still created
            shipment = relay.newShipment(item);
        } catch (ProblemException e) {
            return new ItemResult(index, 400, null, e.problem());
        }
        try {
            ShipmentCreation.Outcome outcome = creation.create(shipment, afterUnknownOutcome);
            if (outcome.status() == 201) {
                return new ItemResult(index, 201, relay.owned(partnerId, outcome.shipment()), null);
            }
            return new ItemResult(index, outcome.status(), null, outcome.problem());
        } catch (TrackingServiceUnavailableException | FaultToleranceException | jakarta.ws.rs.ProcessingException e) {
            return new ItemResult(index, 503, null, Problem.typed("tracking-unavailable", 503, "Service unavailable",
                    "This shipment could not be created now; send it again (a new Idempotency-Key for a new batch)."));
        }
    }
}
