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

    public ScanEventResource(ScanService scans, DisclosurePolicy disclosure, JsonWebToken token) {
        this.scans = scans;
        this.disclosure = disclosure;
        this.token = token;
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
