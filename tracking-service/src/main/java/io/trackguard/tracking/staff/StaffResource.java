package io.trackguard.tracking.staff;

import io.trackguard.tracking.audit.AuditReason;
import io.trackguard.tracking.disclosure.ShipmentView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Support staff see the staff view, and only with a stated reason, which the audit log keeps;
 * each agent is limited and watched for enumeration like a public client ({@link StaffAccess}).
 */
@Path("/api/v1/staff/shipments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("support")
@Tag(name = "Staff")
public class StaffResource {

    private final StaffAccess staff;

    public StaffResource(StaffAccess staff) {
        this.staff = staff;
    }

    @GET
    @Path("/{trackingNumber}")
    @Operation(summary = "The staff view of a shipment; 'reason' (10-500 characters once trimmed, no control characters) "
            + "is required and audited. Limited per agent; viewing too many shipments blocks the agent and raises a security event.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    public Response get(@PathParam("trackingNumber") String trackingNumber,
                        @QueryParam("reason") @NotNull @AuditReason String reason) {
        return Response.ok(staff.view(trackingNumber, reason.strip())).build();
    }
}
