package io.trackguard.tracking.partnerapi;

import io.quarkus.security.PermissionsAllowed;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.disclosure.Disclosures;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.limits.PartnerLimit;
import io.trackguard.problem.QueryParams;
import java.util.List;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.shipment.NewShipment;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.shipment.ShipmentCursor;
import io.trackguard.tracking.shipment.ShipmentFilter;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.shipment.ShipmentStatus;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The partner shipment API, behind partner-gateway: only the gateway's own account calls it, and
 * the tenant is the partner the gateway names (PartnerCaller), never the body.
 */
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shipments (partners)")
public class ShipmentResource {

    private final ShipmentService shipments;
    private final Disclosures disclosures;
    private final PartnerCaller caller;
    private final CurrentRequest request;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final PartnerLimit partnerLimit;

    public ShipmentResource(ShipmentService shipments, Disclosures disclosures, PartnerCaller caller, CurrentRequest request,
                            Audit audit, Pseudonyms pseudonyms, PartnerLimit limit) {
        this.shipments = shipments;
        this.disclosures = disclosures;
        this.caller = caller;
        this.request = request;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.partnerLimit = limit;
    }

    @POST
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "Create a shipment for the calling partner; answers with its tracking number")
    public Response create(@NotNull @Valid NewShipment body, @Context UriInfo uri) {
        String partnerId = caller.partnerId();
        Actor actor = request.authenticated(ActorKind.PARTNER);
        partnerLimit.admit(actor);
        Shipment created = shipments.create(partnerId, caller.displayName(), caller.sensitive(), body);
        ShipmentView view = disclosures.disclose(created, Tier.PARTNER, actor);
        return Response.created(uri.getAbsolutePathBuilder().path(created.trackingNumber).build()).entity(view).build();
    }

    @GET
    @Path("/{trackingNumber}")
    @PermissionsAllowed("shipments:read")
    @Operation(summary = "Read one of the calling partner's shipments; another partner's is 404")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ShipmentView.class)))
    public Response get(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        Actor actor = request.authenticated(ActorKind.PARTNER);
        partnerLimit.admit(actor);
        TrackingNumber number = TrackingNumbers.require(trackingNumber);
        ShipmentView view = shipments.findOwned(partnerId, number)
                .map(s -> disclosures.disclose(s, Tier.PARTNER, actor))
                .orElseThrow(() -> notFound(actor, number));
        return Response.ok(view).build();
    }

    @GET
    @PermissionsAllowed("shipments:read")
    @Operation(summary = "The calling partner's own shipments, newest first, filtered, cursor-paginated")
    public Response list(@QueryParam("reference") @Size(max = 64) String reference,
                         @QueryParam("status") ShipmentStatus status,
                         @QueryParam("createdFrom") String createdFrom,
                         @QueryParam("createdTo") String createdTo,
                         @QueryParam("cursor") @Size(max = 200) String cursor,
                         @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        String partnerId = caller.partnerId();
        Actor actor = request.authenticated(ActorKind.PARTNER);
        partnerLimit.admit(actor);
        ShipmentFilter filter = new ShipmentFilter(reference, status, QueryParams.instant("createdFrom", createdFrom),
                QueryParams.instant("createdTo", createdTo));
        List<Shipment> found = shipments.page(partnerId, filter, cursor == null ? null : ShipmentCursor.decode(cursor), limit + 1);
        List<Shipment> page = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit ? new ShipmentCursor(page.get(limit - 1).createdAt, page.get(limit - 1).id).encode() : null;
        List<ShipmentView> views = page.stream().map(s -> disclosures.disclose(s, Tier.PARTNER, actor)).toList();
        return Response.ok(new ShipmentPage(views, next)).build();
    }

    @POST
    @Path("/{trackingNumber}/cancel")
    @Consumes(MediaType.WILDCARD)
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "Cancel one of the calling partner's shipments while it is not yet in transit (409 after)")
    @jakarta.transaction.Transactional // the view is built from the cancelled shipment before the session closes
    public Response cancel(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        Actor actor = request.authenticated(ActorKind.PARTNER);
        partnerLimit.admit(actor);
        TrackingNumber number = TrackingNumbers.require(trackingNumber);
        ShipmentView view = shipments.cancel(partnerId, number)
                .map(s -> disclosures.disclose(s, Tier.PARTNER, actor))
                .orElseThrow(() -> notFound(actor, number));
        return Response.ok(view).build();
    }

    /** A miss is audited like any other attempt; the answer is the one for unknown numbers. */
    private io.trackguard.problem.ProblemException notFound(Actor actor, TrackingNumber number) {
        audit.attempt(actor, null, null, pseudonyms.trackingNumber(number.value()), Outcome.NOT_FOUND, null);
        return ShipmentNotFound.problem();
    }
}
