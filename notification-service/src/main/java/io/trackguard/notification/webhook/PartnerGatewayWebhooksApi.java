package io.trackguard.notification.webhook;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** partner-gateway's internal read of a partner's subscriptions, with their secrets. Only {@link Subscriptions} uses it. */
@RegisterRestClient(configKey = "partner-gateway")
@OidcClientFilter
@Path("/internal/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
interface PartnerGatewayWebhooksApi {

    @GET
    Response subscriptions(@QueryParam("partner") String partner, @QueryParam("event") String event);
}
