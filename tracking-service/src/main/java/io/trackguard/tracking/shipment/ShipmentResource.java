package io.trackguard.tracking.shipment;

import io.quarkus.security.PermissionsAllowed;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.disclosure.Disclosures;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.disclosure.Tier;
import io.trackguard.tracking.limits.PartnerLimit;
import java.util.Map;
import io.trackguard.tracking.partner.PartnerCaller;
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

/** The partner-facing shipment API. The tenant is the token's partner_id claim, always. */
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
    private final PartnerLimit limit;

    public ShipmentResource(ShipmentService shipments, Disclosures disclosures, PartnerCaller caller, CurrentRequest request,
                            Audit audit, Pseudonyms pseudonyms, PartnerLimit limit) {
        this.shipments = shipments;
        this.disclosures = disclosures;
        this.caller = caller;
        this.request = request;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.limit = limit;
    }

    @POST
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "Create a shipment for the calling partner; answers with its tracking number")
    public Response create(@NotNull @Valid NewShipment body, @Context UriInfo uri) {
        String partnerId = caller.partnerId();
        Actor actor = request.authenticated(ActorKind.PARTNER);
        Map<String, String> rateLimit = limit.admit(actor);
        Shipment created = shipments.create(partnerId, caller.displayName(), caller.sensitive(), body);
        ShipmentView view = disclosures.disclose(created, Tier.PARTNER, actor);
        Response.ResponseBuilder answer = Response.created(uri.getAbsolutePathBuilder().path(created.trackingNumber).build()).entity(view);
        rateLimit.forEach(answer::header);
        return answer.build();
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
        Map<String, String> rateLimit = limit.admit(actor);
        TrackingNumber number = TrackingNumbers.require(trackingNumber);
        ShipmentView view = shipments.findOwned(partnerId, number)
                .map(s -> disclosures.disclose(s, Tier.PARTNER, actor))
                .orElseThrow(() -> {
                    audit.attempt(actor, null, null, pseudonyms.trackingNumber(number.value()), Outcome.NOT_FOUND, null);
                    return ShipmentNotFound.problem();
                });
        Response.ResponseBuilder answer = Response.ok(view);
        rateLimit.forEach(answer::header);
        return answer.build();
    }
}
