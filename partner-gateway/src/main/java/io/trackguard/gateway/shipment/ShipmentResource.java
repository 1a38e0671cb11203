package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.PermissionsAllowed;
import io.trackguard.gateway.idempotency.IdempotencyStore;
import io.trackguard.gateway.partner.PartnerCaller;
import io.trackguard.gateway.quota.Quota;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.trackingapi.NewShipment;
import io.trackguard.trackingapi.PartnerShipment;
import io.trackguard.trackingapi.RecipientLink;
import io.trackguard.trackingapi.ShipmentPage;
import io.trackguard.trackingapi.TimelineEvent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import io.trackguard.gateway.openapi.Examples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The partner shipment API. Bodies are validated by tracking-service, which owns shipments;
 * its answers are relayed, with the tenant checked again here. Every call counts against the
 * partner's plan. What goes to tracking-service and comes back are the records of
 * io.trackguard.trackingapi, which the OpenAPI document shows. A create's body is taken as JSON
 * and bound to {@link NewShipment} after the quota and the Idempotency-Key are checked, as before
 * typed bodies: a body that does not bind still counts, and the key's hash is of what the partner sent.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shipments")
public class ShipmentResource {

    /** Anything else cannot be a tracking number; tracking-service does the full check. */
    static final Pattern PLAUSIBLE_NUMBER = Pattern.compile("[A-Za-z0-9 -]{1,40}");

    private final TrackingServiceClient tracking;
    private final ShipmentCreation creation;
    private final IdempotencyStore idempotency;
    private final PartnerCaller caller;
    private final Quota quota;
    private final Relay relay;
    private final BatchCreation batches;

    public ShipmentResource(TrackingServiceClient tracking, ShipmentCreation creation, IdempotencyStore idempotency,
                            PartnerCaller caller, Quota quota, Relay relay, BatchCreation batches) {
        this.tracking = tracking;
        this.creation = creation;
        this.idempotency = idempotency;
        this.caller = caller;
        this.quota = quota;
        this.relay = relay;
        this.batches = batches;
    }

    @POST
    @Path("shipments")
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "Create a shipment; 201 with its tracking number. The same Idempotency-Key with the same body "
            + "answers the first result again; with another body, 422",
            description = "recipient.language (en or fr, optional) is the language in which Trackguard writes to the recipient "
                    + "if their data is ever exposed; without it, such a notice is written in English and French. Only you and "
                    + "Trackguard's staff see it.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerShipment.class),
                    examples = @ExampleObject(name = "created", value = Examples.CREATED)))
    public Response create(@Parameter(description = "A unique value per shipment, e.g. a UUID; kept 24 hours", required = true)
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(implementation = NewShipment.class),
                                   examples = @ExampleObject(name = "shipment", value = Examples.SHIPMENT)))
                           @NotNull JsonNode body, @Context UriInfo uri) {
        String partnerId = caller.partnerId();
        quota.admit(partnerId);
        String key = IdempotencyStore.requireKey(idempotencyKey);
        requireObject(body);
        NewShipment shipment = relay.newShipment(body);
        IdempotencyStore.Claim claim = idempotency.claim(partnerId, key, body);
        if (!claim.run()) {
            return replay(claim);
        }
        ShipmentCreation.Outcome outcome = ShipmentCreation.remembered(idempotency, partnerId, key,
                () -> creation.create(shipment, claim.afterUnknownOutcome()),
                ShipmentCreation.Outcome::status, o -> relay.json(o.status() == 201 ? o.shipment() : o.problem()),
                o -> o.status() == 201 ? location(uri, o.shipment()) : null);
        if (outcome.status() != 201) {
            throw new ProblemException(outcome.problem());
        }
        return Response.created(URI.create(location(uri, outcome.shipment()))).entity(relay.owned(partnerId, outcome.shipment())).build();
    }

    @POST
    @Path("shipments:batch")
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "Create up to 100 shipments; 200 with one result per item (201, or a problem). "
            + "Same Idempotency-Key and body: the same results again")
    @APIResponse(responseCode = "200", description = "One result per shipment, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchCreation.BatchResult.class),
                    examples = @ExampleObject(name = "results", value = Examples.BATCH_RESULT)))
    public Response createBatch(@Parameter(description = "A unique value per batch, e.g. a UUID; kept 24 hours", required = true)
                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(implementation = BatchCreation.ShipmentBatch.class),
                                        examples = @ExampleObject(name = "batch", value = Examples.BATCH)))
                                @NotNull JsonNode batch) {
        return batches.create(idempotencyKey, batch);
    }

    @GET
    @Path("shipments")
    @PermissionsAllowed("shipments:read")
    @Operation(summary = "Your own shipments, newest first, filtered by reference, status and creation time; cursor-paginated")
    public ShipmentPage list(@QueryParam("reference") @Size(max = 64) String reference,
                         @QueryParam("status") @jakarta.validation.constraints.Pattern(regexp = "[A-Z_]{1,20}") String status,
                         @QueryParam("createdFrom") @Size(max = 40) String createdFrom,
                         @QueryParam("createdTo") @Size(max = 40) String createdTo,
                         @QueryParam("cursor") @Size(max = 200) String cursor,
                         @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        String partnerId = caller.partnerId();
        quota.admit(partnerId);
        return relay.ownedPage(partnerId, ok(tracking.list(reference, status, createdFrom, createdTo, cursor, limit)));
    }

    @GET
    @Path("shipments/{trackingNumber}")
    @PermissionsAllowed("shipments:read")
    @Operation(summary = "Read one of your shipments; another partner's is 404")
    public PartnerShipment get(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        quota.admit(partnerId);
        return relay.owned(partnerId, ok(tracking.get(plausible(trackingNumber))));
    }

    @GET
    @Path("shipments/{trackingNumber}/events")
    @PermissionsAllowed("shipments:read")
    @Operation(summary = "The scan events of one of your shipments")
    public List<TimelineEvent> events(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        quota.admit(partnerId);
        TrackingServiceClient.Answer<List<TimelineEvent>> answer = tracking.events(plausible(trackingNumber));
        ok(answer);
        return relay.ownedBy(partnerId, answer);
    }

    @POST
    @Path("shipments/{trackingNumber}/cancel")
    @Consumes(MediaType.WILDCARD)
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "Cancel one of your shipments while it is not yet in transit; 409 after")
    public PartnerShipment cancel(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        quota.admit(partnerId);
        return relay.owned(partnerId, ok(tracking.cancel(plausible(trackingNumber))));
    }

    @POST
    @Path("shipments/{trackingNumber}/recipient-link")
    @Consumes(MediaType.WILDCARD)
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "A one-time link for the recipient of one of your shipments (send it to their shipping email): "
            + "opening it proves them the recipient, once, until it expires; another partner's shipment is 404")
    @APIResponse(responseCode = "201", description = "The link: the token, the path to append to the tracking site, and when it expires",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecipientLink.class),
                    examples = @ExampleObject(name = "link", value = Examples.RECIPIENT_LINK)))
    public Response recipientLink(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        quota.admit(partnerId);
        String number = plausible(trackingNumber);
        // the tenant is checked before anything is minted, not after
        relay.owned(partnerId, ok(tracking.get(number)));
        TrackingServiceClient.Answer<RecipientLink> link = tracking.recipientLink(number);
        if (link.status() != 201) {
            throw relay.problem(link);
        }
        return Response.status(201).entity(link.body()).build();
    }

    /** tracking-service's record when it answered 200; its problem, relayed, otherwise. */
    private <T> T ok(TrackingServiceClient.Answer<T> answer) {
        if (answer.status() != 200) {
            throw relay.problem(answer);
        }
        return answer.body();
    }

    static Response replay(IdempotencyStore.Claim claim) {
        Response.ResponseBuilder answer = Response.status(claim.status())
                .type(claim.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(claim.body())
                .header("Idempotent-Replayed", "true");
        if (claim.location() != null) {
            answer.header("Location", claim.location());
        }
        return answer.build();
    }

    static void requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw new ProblemException(Problem.typed("invalid-body", 400, "Invalid request body", "The body must be a JSON object."));
        }
    }

    private static String location(UriInfo uri, PartnerShipment shipment) {
        return uri.getBaseUriBuilder().path("api/v1/shipments").path(shipment.trackingNumber()).build().toString();
    }

    private static String plausible(String trackingNumber) {
        if (!PLAUSIBLE_NUMBER.matcher(trackingNumber).matches()) {
            throw new ProblemException(Problem.typed("invalid-tracking-number", 400, "Invalid tracking number",
                    "A tracking number has 18 characters: digits 2-9 and letters other than I, L and O."));
        }
        return trackingNumber;
    }
}
