package io.trackguard.gateway.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The few Keycloak calls onboarding needs: the Client Registration Service (never
 * the admin API: the onboarding account may only register clients, and change each one with that
 * client's own registration access token). The onboarding account's token comes from
 * quarkus-oidc-client (named client "onboarding"). Only KeycloakAdmin uses it.
 */
@RegisterRestClient(configKey = "keycloak")
@Produces(MediaType.APPLICATION_JSON)
interface KeycloakAdminApi {

    /** Registers a client with the onboarding account's token; the answer has its secret and registration access token. */
    @POST
    @Path("/realms/{realm}/clients-registrations/default")
    @Consumes(MediaType.APPLICATION_JSON)
    Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, JsonNode client);

    /** One client, read with its own registration access token. */
    @GET
    @Path("/realms/{realm}/clients-registrations/default/{clientId}")
    Response read(@HeaderParam(HttpHeaders.AUTHORIZATION) String registrationToken, @PathParam("realm") String realm,
                  @PathParam("clientId") String clientId);

    /** Changes one client; the answer carries a new registration access token (the old one stops working). */
    @PUT
    @Path("/realms/{realm}/clients-registrations/default/{clientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response update(@HeaderParam(HttpHeaders.AUTHORIZATION) String registrationToken, @PathParam("realm") String realm,
                    @PathParam("clientId") String clientId, JsonNode client);

    @DELETE
    @Path("/realms/{realm}/clients-registrations/default/{clientId}")
    Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String registrationToken, @PathParam("realm") String realm,
                    @PathParam("clientId") String clientId);
}
