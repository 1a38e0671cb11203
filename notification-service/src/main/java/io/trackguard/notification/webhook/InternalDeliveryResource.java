package io.trackguard.notification.webhook;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For partner-gateway only (role partner-relay): a partner's deliveries to one of its
 * subscriptions, a retry, a ping. The gateway has checked that the subscription is the
 * partner's (it owns subscriptions); every query here is narrowed to that partner again.
 */
@Path("/internal/v1/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner-relay")
@Tag(name = "Internal")
public class InternalDeliveryResource {

    private static final String UUID_PATTERN = "[0-9a-fA-F-]{36}";

    private final DeliveryLog log;
    private final WebhookSender sender;

    public InternalDeliveryResource(DeliveryLog log, WebhookSender sender) {
        this.log = log;
        this.sender = sender;
    }

    @GET
    @Operation(summary = "Internal, for partner-gateway: the newest deliveries to a partner's subscription, with their attempts")
    public List<DeliveryLog.Delivery> list(@QueryParam("partner") @NotNull @Size(max = 64) String partner,
                                           @QueryParam("subscription") @NotNull @Pattern(regexp = UUID_PATTERN) String subscription,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        return log.of(partner, UUID.fromString(subscription), limit);
    }

    @POST
    @Path("{delivery}/retry")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Internal, for partner-gateway: send one of the partner's deliveries again now, under the same webhook-id")
    public Response retry(@PathParam("delivery") @Pattern(regexp = UUID_PATTERN) String delivery,
                          @QueryParam("partner") @NotNull @Size(max = 64) String partner,
                          @QueryParam("subscription") @NotNull @Pattern(regexp = UUID_PATTERN) String subscription) {
        if (!log.retry(partner, UUID.fromString(subscription), UUID.fromString(delivery))) {
            throw new ProblemException(Problem.typed("delivery-not-found", 404, "Delivery not found",
                    "No delivery with this id to this subscription is yours, or it is being sent, or the endpoint is disabled."));
        }
        sender.wake();
        return Response.accepted(Map.of("id", delivery, "status", "PENDING")).build();
    }

    @GET
    @Path("endpoints")
    @Operation(summary = "Internal, for partner-gateway: the partner's endpoints ever tried: failing since when, disabled and why")
    public List<DeliveryLog.Endpoint> endpoints(@QueryParam("partner") @NotNull @Size(max = 64) String partner) {
        return log.endpoints(partner);
    }

    @POST
    @Path("endpoints/{subscription}/enable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Internal, for partner-gateway: deliver to one of the partner's disabled endpoints again")
    public Map<String, String> enable(@PathParam("subscription") @Pattern(regexp = UUID_PATTERN) String subscription,
                                      @QueryParam("partner") @NotNull @Size(max = 64) String partner) {
        log.enable(partner, UUID.fromString(subscription));
        return Map.of("subscriptionId", subscription, "state", "ACTIVE");
    }

    @POST
    @Path("ping")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Internal, for partner-gateway: a signed webhook.ping to one of the partner's subscriptions")
    public Response ping(@QueryParam("partner") @NotNull @Size(max = 64) String partner,
                         @QueryParam("subscription") @NotNull @Pattern(regexp = UUID_PATTERN) String subscription) {
        UUID id = log.ping(partner, UUID.fromString(subscription));
        sender.wake();
        return Response.accepted(Map.of("id", id.toString(), "status", "PENDING")).build();
    }
}
