package io.trackguard.tracking.partnerapi;

import io.quarkus.security.PermissionsAllowed;
import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.limits.PartnerLimit;
import io.trackguard.tracking.partner.PartnerCaller;
import io.trackguard.tracking.recipient.RecipientLink;
import io.trackguard.tracking.recipient.RecipientLinks;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A partner asks a one-time link for one of its own shipments, to send to its customer's
 * shipping email: the way in that a locked postal code check cannot close. Another partner's
 * shipment is the same 404 as an unknown number, as everywhere on the partner API.
 */
@Path("/api/v1/shipments/{trackingNumber}/recipient-link")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shipments (partners)")
public class PartnerRecipientLinkResource {

    private final RecipientLinks links;
    private final ShipmentService shipments;
    private final PartnerCaller caller;
    private final CurrentRequest request;
    private final PartnerLimit partnerLimit;
    private final Audit audit;
    private final Pseudonyms pseudonyms;

    public PartnerRecipientLinkResource(RecipientLinks links, ShipmentService shipments, PartnerCaller caller, CurrentRequest request,
                                        PartnerLimit partnerLimit, Audit audit, Pseudonyms pseudonyms) {
        this.links = links;
        this.shipments = shipments;
        this.caller = caller;
        this.request = request;
        this.partnerLimit = partnerLimit;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @PermissionsAllowed("shipments:write")
    @Operation(summary = "A one-time link for the recipient of one of the calling partner's shipments (201 {token, path, expiresAt}; "
            + "audited; another partner's shipment is 404)")
    public Response create(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        Actor actor = request.authenticated(ActorKind.PARTNER);
        partnerLimit.admit(actor);
        TrackingNumber number = TrackingNumbers.require(trackingNumber);
        RecipientLink link = shipments.findOwned(partnerId, number)
                .map(s -> links.issue(s, actor))
                .orElseThrow(() -> notFound(actor, number));
        return Response.status(201).entity(link).build();
    }

    /** A miss is audited like any other attempt; the answer is the one for unknown numbers. */
    private ProblemException notFound(Actor actor, TrackingNumber number) {
        audit.attempt(actor, null, null, pseudonyms.trackingNumber(number.value()), Outcome.NOT_FOUND, null);
        return ShipmentNotFound.problem();
    }
}
