package io.trackguard.tracking.staff;

import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.disclosure.Disclosures;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.disclosure.Tier;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Support staff see the staff view, and only with a stated reason, which the audit log keeps. */
@Path("/api/v1/staff/shipments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@Tag(name = "Staff")
public class StaffResource {

    private final ShipmentService shipments;
    private final Disclosures disclosures;
    private final CurrentRequest request;
    private final Audit audit;
    private final Pseudonyms pseudonyms;

    public StaffResource(ShipmentService shipments, Disclosures disclosures, CurrentRequest request, Audit audit, Pseudonyms pseudonyms) {
        this.shipments = shipments;
        this.disclosures = disclosures;
        this.request = request;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    @GET
    @Path("/{trackingNumber}")
    @Operation(summary = "The staff view of a shipment; 'reason' (10-500 characters) is required and audited")
    public ShipmentView get(@PathParam("trackingNumber") String trackingNumber,
                            @QueryParam("reason") @NotNull @Size(min = 10, max = 500) String reason) {
        Actor actor = request.authenticated(ActorKind.STAFF);
        TrackingNumber number = TrackingNumbers.require(trackingNumber);
        return shipments.findByNumber(number)
                .map(s -> disclosures.disclose(s, Tier.STAFF, actor, reason.strip()))
                .orElseThrow(() -> {
                    audit.attempt(actor, null, null, pseudonyms.trackingNumber(number.value()), Outcome.NOT_FOUND, reason.strip());
                    return ShipmentNotFound.problem();
                });
    }
}
