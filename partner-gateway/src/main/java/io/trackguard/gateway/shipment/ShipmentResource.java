package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.PermissionsAllowed;
import io.trackguard.gateway.partner.PartnerCaller;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The partner shipment API. The body is validated by tracking-service, which owns shipments;
 * its answers are relayed, with tenant isolation checked again here.
 */
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shipments")
public class ShipmentResource {

    private static final Logger LOG = Logger.getLogger(ShipmentResource.class);
    /** Anything else cannot be a tracking number; tracking-service does the full check. */
    private static final Pattern PLAUSIBLE_NUMBER = Pattern.compile("[A-Za-z0-9 -]{1,40}");

    private final TrackingServiceClient tracking;
    private final PartnerCaller caller;
    private final ObjectMapper objectMapper;

    public ShipmentResource(TrackingServiceClient tracking, PartnerCaller caller, ObjectMapper objectMapper) {
        this.tracking = tracking;
        this.caller = caller;
        this.objectMapper = objectMapper;
    }

    @POST
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "Create a shipment; answers 201 with its tracking number")
    public Response create(@NotNull JsonNode shipment, @Context UriInfo uri) {
        caller.partnerId();
        if (!shipment.isObject()) {
            throw new ProblemException(Problem.typed("invalid-body", 400, "Invalid request body", "The body must be a JSON object."));
        }
        TrackingServiceClient.Answer answer = tracking.create(shipment);
        if (answer.status() != 201) {
            throw relayed(answer);
        }
        String number = answer.body().path("trackingNumber").asText();
        return Response.created(uri.getAbsolutePathBuilder().path(number).build()).entity(answer.body()).build();
    }

    @GET
    @Path("/{trackingNumber}")
    @PermissionsAllowed("shipments:read")
    @Operation(summary = "Read one of your shipments; another partner's is 404")
    public JsonNode get(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        if (!PLAUSIBLE_NUMBER.matcher(trackingNumber).matches()) {
            throw new ProblemException(Problem.typed("invalid-tracking-number", 400, "Invalid tracking number",
                    "A tracking number has 18 characters: digits 2-9 and letters other than I, L and O."));
        }
        TrackingServiceClient.Answer answer = tracking.get(trackingNumber);
        if (answer.status() != 200) {
            throw relayed(answer);
        }
        // Second line of tenant isolation: tracking-service already filtered by the same token.
        if (!partnerId.equals(answer.body().path("partnerId").asText())) {
            LOG.errorf("tenant mismatch from tracking-service for partner %s; answer withheld", partnerId);
            throw new ProblemException(Problem.typed("shipment-not-found", 404, "Shipment not found",
                    "No shipment with this tracking number is visible to you."));
        }
        return answer.body();
    }

    /** tracking-service's 4xx problem, passed on under this request's id. */
    private ProblemException relayed(TrackingServiceClient.Answer answer) {
        try {
            Problem problem = objectMapper.treeToValue(answer.body(), Problem.class);
            if (problem != null && problem.status() == answer.status()) {
                return new ProblemException(problem.withRequestId(null));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not a problem document: fall through to a plain one
        }
        Response.Status status = Response.Status.fromStatusCode(answer.status());
        return new ProblemException(Problem.of(answer.status(), status == null ? "Error" : status.getReasonPhrase(), null));
    }
}
