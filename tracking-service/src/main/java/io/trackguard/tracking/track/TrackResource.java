package io.trackguard.tracking.track;

import io.trackguard.tracking.disclosure.DisclosurePolicy;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.disclosure.Tier;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public tracking API: no token, only the public column of the disclosure table. */
@Path("/api/v1/track")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public tracking")
public class TrackResource {

    private final ShipmentService shipments;
    private final DisclosurePolicy disclosure;

    public TrackResource(ShipmentService shipments, DisclosurePolicy disclosure) {
        this.shipments = shipments;
        this.disclosure = disclosure;
    }

    @GET
    @Path("/{trackingNumber}")
    @Operation(summary = "Public status and timeline of a parcel; accepts only tracking numbers, never order references")
    public ShipmentView track(@PathParam("trackingNumber") String trackingNumber) {
        return shipments.findByNumber(TrackingNumbers.require(trackingNumber))
                .map(s -> disclosure.view(s, Tier.PUBLIC))
                .orElseThrow(ShipmentNotFound::problem);
    }
}
