package io.trackguard.tracking.recipient;

import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
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
import java.time.Instant;
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

    /** A new link: the token, the page path that spends it, and when it expires. */
    public record Link(String token, String path, Instant expiresAt) {
    }

    private final RecipientTokens tokens;
    private final RecipientService recipients;
    private final RecipientSession sessions;
    private final ShipmentService shipments;
    private final Pseudonyms pseudonyms;
    private final RecipientConfig config;
    private final RoutingContext http;

    public RecipientLinkResource(RecipientTokens tokens, RecipientService recipients, RecipientSession sessions,
                                 ShipmentService shipments, Pseudonyms pseudonyms, RecipientConfig config, RoutingContext http) {
        this.tokens = tokens;
        this.recipients = recipients;
        this.sessions = sessions;
        this.shipments = shipments;
        this.pseudonyms = pseudonyms;
        this.config = config;
        this.http = http;
    }

    @POST
    @Path("internal/v1/recipient-links")
    @RolesAllowed("incident-responder")
    @Operation(summary = "A one-time link for a shipment's recipient, to put in a notice")
    public Response create(@NotNull @Valid LinkRequest body) {
        TrackingNumber number = TrackingNumbers.require(body.trackingNumber());
        shipments.findByNumber(number).orElseThrow(ShipmentNotFound::problem);
        String token = tokens.link(pseudonyms.trackingNumber(number.value()), number.value());
        return Response.status(201).entity(new Link(token, "/r/" + token, Instant.now().plus(config.linkTtl()))).build();
    }

    @POST
    @Path("api/v1/recipient-links/redeem")
    @Operation(summary = "Spend a one-time link: answers a recipient session, once")
    public Verified redeem(@NotNull @Valid RedeemRequest body) {
        Verified verified = recipients.redeem(body.token());
        sessions.setCookie(http, verified.session());
        return verified;
    }
}
