package io.trackguard.notification.partner;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** partner-gateway's partner attributes, asked with notification-service's own token. Only {@link PartnerDirectory} uses it. */
@RegisterRestClient(configKey = "partner-gateway")
@OidcClientFilter
@Path("/internal/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
interface PartnerGatewayApi {

    @GET
    @Path("/{id}")
    Response partner(@PathParam("id") String id);
}
