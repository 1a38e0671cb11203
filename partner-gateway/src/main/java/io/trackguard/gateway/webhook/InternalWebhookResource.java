package io.trackguard.gateway.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What notification-service reads to deliver partner webhooks (role incident-responder). */
@Path("/internal/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalWebhookResource {

    private final WebhookService webhooks;

    public InternalWebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @RolesAllowed("incident-responder")
    @Operation(summary = "Internal, for notification-service: a partner's subscriptions for an event, with secrets")
    public List<WebhookService.View> forDelivery(@QueryParam("partner") @NotNull @Size(max = 64) String partner,
                                                 @QueryParam("event") @Size(max = 40) String event) {
        return webhooks.forDelivery(partner, event);
    }

}
