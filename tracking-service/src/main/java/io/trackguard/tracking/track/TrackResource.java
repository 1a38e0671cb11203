package io.trackguard.tracking.track;

import io.trackguard.tracking.disclosure.ShipmentView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public tracking API: no token, only the public column of the disclosure table, rate limited. */
@Path("/api/v1/track")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public tracking")
public class TrackResource {

    private final PublicTracking tracking;

    public TrackResource(PublicTracking tracking) {
        this.tracking = tracking;
    }

    @GET
    @Path("/{trackingNumber}")
    @Operation(summary = "Public status and timeline of a parcel; accepts only tracking numbers, never order references")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    public Response track(@PathParam("trackingNumber") String trackingNumber) {
        PublicTracking.Answer answer = tracking.lookup(trackingNumber);
        Response.ResponseBuilder ok = Response.ok(answer.view());
        answer.headers().forEach(ok::header);
        return ok.build();
    }
}
