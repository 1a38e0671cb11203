package io.trackguard.tracking.recipient;

import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signed, expiring, single-use links that prove the recipient: made for notices, spent by the recipient. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Recipient links")
public class RecipientLinkResource {

    /** What notification-service asks a link for. */
    public record LinkRequest(@NotNull @Size(max = 40) String trackingNumber) {
    }

    private final RecipientLinks links;
    private final RecipientSession sessions;
    private final ShipmentService shipments;
    private final CurrentRequest request;
    private final RoutingContext http;

    public RecipientLinkResource(RecipientLinks links, RecipientSession sessions, ShipmentService shipments, CurrentRequest request,
                                 RoutingContext http) {
        this.links = links;
        this.sessions = sessions;
        this.shipments = shipments;
        this.request = request;
        this.http = http;
    }

    @POST
    @Path("internal/v1/recipient-links")
    @RolesAllowed("incident-responder")
    @Operation(summary = "A one-time link for a shipment's recipient, to put in a notice (audited)")
    public Response create(@NotNull @Valid LinkRequest body) {
        Shipment shipment = shipments.findByNumber(TrackingNumbers.require(body.trackingNumber())).orElseThrow(ShipmentNotFound::problem);
        return Response.status(201).entity(links.issue(shipment, request.authenticated(ActorKind.SERVICE))).build();
    }

    @POST
    @Path("api/v1/recipient-links/redeem")
    @Operation(summary = "Spend a one-time link: answers a recipient session, once; works while the postal code check is locked")
    public Verified redeem(@NotNull @Valid RedeemRequest body) {
        Verified verified = links.redeem(body.token());
        sessions.setCookie(http, verified.session());
        return verified;
    }
}
