package io.trackguard.tracking.track;

import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.recipient.AccessReport;
import io.trackguard.tracking.recipient.PostalCodeVerification;
import io.trackguard.tracking.recipient.RecipientDetails;
import io.trackguard.tracking.recipient.RecipientSession;
import io.trackguard.tracking.recipient.Verified;
import io.trackguard.tracking.recipient.VerifyRequest;
import io.trackguard.tracking.recipient.WhoLooked;
import io.vertx.ext.web.RoutingContext;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public and recipient tracking API: no token. The public view is the public column of
 * the disclosure table; proving to be the recipient (postal code or one-time link) gives a
 * short session that unlocks the recipient column. Every path is rate limited and audited.
 */
@Path("/api/v1/track")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public tracking")
public class TrackResource {

    private final PublicTracking tracking;
    private final PostalCodeVerification verification;
    private final RecipientDetails details;
    private final WhoLooked whoLooked;
    private final RecipientSession sessions;
    private final RoutingContext http;

    public TrackResource(PublicTracking tracking, PostalCodeVerification verification, RecipientDetails details, WhoLooked whoLooked,
                         RecipientSession sessions, RoutingContext http) {
        this.tracking = tracking;
        this.verification = verification;
        this.details = details;
        this.whoLooked = whoLooked;
        this.sessions = sessions;
        this.http = http;
    }

    @GET
    @Path("/{trackingNumber}")
    @Operation(summary = "Public status and timeline of a parcel; accepts only tracking numbers, never order references")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    public Response track(@PathParam("trackingNumber") String trackingNumber) {
        return Response.ok(tracking.lookup(trackingNumber)).build();
    }

    @POST
    @Path("/{trackingNumber}/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Prove to be the recipient with the destination postal code; answers a 15-minute session "
            + "(send it as the Recipient-Session header). Any mismatch, unknown number included, is the same 403.")
    public Verified verify(@PathParam("trackingNumber") String trackingNumber, @NotNull @Valid VerifyRequest body) {
        Verified verified = verification.verify(trackingNumber, body.postalCode());
        sessions.setCookie(http, verified.session());
        return verified;
    }

    @GET
    @Path("/{trackingNumber}/details")
    @Operation(summary = "The verified recipient's view: needs a Recipient-Session for this number")
    public ShipmentView details(@PathParam("trackingNumber") String trackingNumber) {
        return details.details(trackingNumber);
    }

    @GET
    @Path("/{trackingNumber}/accesses")
    @Operation(summary = "Who looked at my parcel: when, which kind of viewer, what happened and at which tier, newest first "
            + "(never who). Only a proven recipient is 'recipient'; failed attempts are 'someone', and several of them come "
            + "with a warning in English and French.")
    public AccessReport accesses(@PathParam("trackingNumber") String trackingNumber) {
        return whoLooked.report(trackingNumber);
    }
}
