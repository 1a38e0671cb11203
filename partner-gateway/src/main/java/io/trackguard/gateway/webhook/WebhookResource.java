package io.trackguard.gateway.webhook;

import io.quarkus.security.PermissionsAllowed;
import io.trackguard.gateway.partner.PartnerCaller;
import io.trackguard.gateway.quota.Quota;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.UUID;
import io.trackguard.gateway.openapi.Examples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhook subscriptions: a partner's own, managed with scope webhooks:manage. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    /** A new subscription: an https URL and the events to send (all when empty). */
    public record NewSubscription(@NotNull @Size(max = 2000) String url, @Size(max = 10) List<@Size(max = 40) String> events) {
    }

    private final WebhookService webhooks;
    private final PartnerCaller caller;
    private final Quota quota;
    private final DeliveryRelay deliveries;

    public WebhookResource(WebhookService webhooks, PartnerCaller caller, Quota quota, DeliveryRelay deliveries) {
        this.webhooks = webhooks;
        this.caller = caller;
        this.quota = quota;
        this.deliveries = deliveries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("webhooks:manage")
    @Operation(summary = "Subscribe an https URL to shipment events; the signing secret is in this answer only")
    @APIResponse(responseCode = "201", description = "Subscribed; keep the secret, it is not shown again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created", value = Examples.WEBHOOK_CREATED)))
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "subscription", value = Examples.WEBHOOK))) @NotNull @Valid NewSubscription body) {
        String partnerId = admitted();
        return Response.status(201).entity(webhooks.create(partnerId, body.url(), body.events())).build();
    }

    @GET
    @PermissionsAllowed("webhooks:manage")
    @Operation(summary = "Your subscriptions (never their secrets), each with how its deliveries go: ACTIVE, FAILING since when, "
            + "DISABLED and why (enable it again with .../enable), or UNKNOWN when that cannot be said just now")
    public List<WebhookService.View> list() {
        String partnerId = admitted();
        List<WebhookService.View> views = webhooks.list(partnerId);
        return deliveries.endpoints(partnerId)
                .map(states -> views.stream().map(v -> v.withDelivery(states.getOrDefault(v.id(), WebhookService.Delivery.ACTIVE))).toList())
                .orElseGet(() -> views.stream().map(v -> v.withDelivery(WebhookService.Delivery.UNKNOWN)).toList());
    }

    @DELETE
    @Path("{id}")
    @PermissionsAllowed("webhooks:manage")
    @Operation(summary = "Delete one of your subscriptions; another partner's is 404")
    public Response delete(@PathParam("id") String id) {
        if (!webhooks.delete(admitted(), uuid(id))) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @Consumes(MediaType.WILDCARD)
    @PermissionsAllowed("webhooks:manage")
    @Operation(summary = "A new signing secret for one of your subscriptions, in this answer only")
    public WebhookService.View rotate(@PathParam("id") String id) {
        return webhooks.rotate(admitted(), uuid(id)).orElseThrow(WebhookResource::notFound);
    }

    @GET
    @Path("{id}/deliveries")
    @PermissionsAllowed("webhooks:manage")
    @Operation(summary = "The newest deliveries to one of your subscriptions: status, attempts with status codes, the next try")
    public List<WebhookDelivery> deliveries(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        String partnerId = admitted();
        return deliveries.list(partnerId, owned(partnerId, id), limit);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/retry")
    @Consumes(MediaType.WILDCARD)
    @PermissionsAllowed("webhooks:manage")
    @Operation(summary = "Send one of your deliveries again now, with the same webhook-id")
    @APIResponse(responseCode = "202", description = "Queued for an attempt now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueuedDelivery.class)))
    public Response retry(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        String partnerId = admitted();
        UUID subscription = owned(partnerId, id);
        return deliveries.retry(partnerId, subscription, uuid(deliveryId))
                .map(queued -> Response.accepted(queued).build())
                .orElseThrow(() -> new ProblemException(Problem.typed("delivery-not-found", 404, "Delivery not found",
                        "No delivery with this id to this subscription is yours, or it is being sent, or the endpoint is disabled.")));
    }

    @POST
    @Path("{id}/enable")
    @Consumes(MediaType.WILDCARD)
    @PermissionsAllowed("webhooks:manage")
    @Operation(summary = "Deliver to one of your endpoints again after it was disabled (410 Gone, or failing for 3 days)")
    @APIResponse(responseCode = "204", description = "New events go to it from now on; ended deliveries can be retried one by one")
    public Response enable(@PathParam("id") String id) {
        String partnerId = admitted();
        deliveries.enable(partnerId, owned(partnerId, id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/test")
    @Consumes(MediaType.WILDCARD)
    @PermissionsAllowed("webhooks:manage")
    @Operation(summary = "Send a signed webhook.ping to one of your subscriptions")
    @APIResponse(responseCode = "202", description = "Queued; its delivery shows in .../deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueuedDelivery.class)))
    public Response test(@PathParam("id") String id) {
        String partnerId = admitted();
        return Response.accepted(deliveries.ping(partnerId, owned(partnerId, id))).build();
    }

    /** The subscription's id when it is the partner's; another partner's is as absent as a missing one. */
    private UUID owned(String partnerId, String id) {
        UUID subscription = uuid(id);
        if (!webhooks.owns(partnerId, subscription)) {
            throw notFound();
        }
        return subscription;
    }

    private String admitted() {
        String partnerId = caller.partnerId();
        quota.admit(partnerId);
        return partnerId;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(Problem.typed("webhook-not-found", 404, "Subscription not found",
                "No subscription with this id is yours."));
    }
}
