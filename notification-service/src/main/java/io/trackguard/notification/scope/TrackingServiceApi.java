package io.trackguard.notification.scope;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * tracking-service's incident-response API, called with notification-service's own
 * client-credentials token (role incident-responder). Only {@link TrackingServiceClient} uses it.
 */
@RegisterRestClient(configKey = "tracking-service")
@OidcClientFilter
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
interface TrackingServiceApi {

    @GET
    @Path("/exposures")
    Response exposures(@QueryParam("actor") String actor, @QueryParam("partner") String partner, @QueryParam("from") String from,
                       @QueryParam("to") String to, @QueryParam("cursor") String cursor, @QueryParam("limit") int limit);

    @POST
    @Path("/recipient-links")
    @Consumes(MediaType.APPLICATION_JSON)
    Response link(RecipientLink.Request request);
}
