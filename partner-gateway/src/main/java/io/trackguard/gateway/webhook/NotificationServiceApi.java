package io.trackguard.gateway.webhook;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * notification-service's delivery log, retry, ping and endpoint states, called with the gateway's own
 * client-credentials token (role partner-relay). Only {@link DeliveryRelay} uses it.
 */
@RegisterRestClient(configKey = "notification-service")
@OidcClientFilter
@Path("/internal/v1/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
interface NotificationServiceApi {

    @GET
    Response list(@QueryParam("partner") String partner, @QueryParam("subscription") String subscription, @QueryParam("limit") int limit);

    @POST
    @Path("/{delivery}/retry")
    Response retry(@PathParam("delivery") String delivery, @QueryParam("partner") String partner,
                   @QueryParam("subscription") String subscription);

    @GET
    @Path("/endpoints")
    Response endpoints(@QueryParam("partner") String partner);

    @POST
    @Path("/endpoints/{subscription}/enable")
    Response enable(@PathParam("subscription") String subscription, @QueryParam("partner") String partner);

    @POST
    @Path("/ping")
    Response ping(@QueryParam("partner") String partner, @QueryParam("subscription") String subscription);
}
