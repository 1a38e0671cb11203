package io.trackguard.tracking.scan;

import io.trackguard.tracking.disclosure.DisclosurePolicy;
import io.trackguard.tracking.disclosure.TimelineEvent;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Carrier operations post scans here (role {@code operations}). */
@Path("/api/v1/shipments/{trackingNumber}/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Scan events (operations)")
public class ScanEventResource {

    private final ScanService scans;
    private final DisclosurePolicy disclosure;
    private final JsonWebToken token;
    private final io.trackguard.tracking.shipment.ShipmentService shipments;
    private final io.trackguard.tracking.partner.PartnerCaller caller;
    private final io.trackguard.tracking.disclosure.Disclosures disclosures;
    private final io.trackguard.tracking.client.CurrentRequest request;
    private final io.trackguard.tracking.limits.PartnerLimit limit;

    public ScanEventResource(ScanService scans, DisclosurePolicy disclosure, JsonWebToken token,
                             io.trackguard.tracking.shipment.ShipmentService shipments, io.trackguard.tracking.partner.PartnerCaller caller,
                             io.trackguard.tracking.disclosure.Disclosures disclosures, io.trackguard.tracking.client.CurrentRequest request,
                             io.trackguard.tracking.limits.PartnerLimit limit) {
        this.scans = scans;
        this.disclosure = disclosure;
        this.token = token;
        this.shipments = shipments;
        this.caller = caller;
        this.disclosures = disclosures;
        this.request = request;
        this.limit = limit;
    }

    @jakarta.ws.rs.GET
    @io.quarkus.security.PermissionsAllowed("shipments:read")
    @Operation(summary = "The timeline of one of the calling partner's shipments; another partner's is 404")
    public Response list(@PathParam("trackingNumber") String trackingNumber) {
        String partnerId = caller.partnerId();
        io.trackguard.tracking.client.Actor actor = request.authenticated(io.trackguard.tracking.client.ActorKind.PARTNER);
        limit.admit(actor);
        io.trackguard.tracking.shipment.Shipment owned = shipments.findOwned(partnerId, TrackingNumbers.require(trackingNumber))
                .orElseThrow(io.trackguard.tracking.shipment.ShipmentNotFound::problem);
        java.util.List<TimelineEvent> events = disclosures.disclose(owned, io.trackguard.tracking.client.Tier.PARTNER, actor).events();
        // the body does not name its partner: the header does, so partner-gateway can check the tenant again
        return Response.ok(events).header(io.trackguard.tracking.partner.PartnerCaller.ID_HEADER, owned.partnerId()).build();
    }

    @POST
    @RolesAllowed("operations")
    @Operation(summary = "Record a scan; DELIVERED needs the signer's name")
    public Response record(@PathParam("trackingNumber") String trackingNumber, @NotNull @Valid NewScanEvent body) {
        String recordedBy = token.getClaim("azp") != null ? token.getClaim("azp") : token.getSubject();
        TimelineEvent event = disclosure.event(scans.record(TrackingNumbers.require(trackingNumber), body, recordedBy));
        return Response.status(Response.Status.CREATED).entity(event).build();
    }
}
