package io.trackguard.gateway.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The few Keycloak calls onboarding needs: a token, and the realm's clients. Only KeycloakAdmin uses it. */
@RegisterRestClient(configKey = "keycloak")
@Produces(MediaType.APPLICATION_JSON)
interface KeycloakAdminApi {

    @POST
    @Path("/realms/{realm}/protocol/openid-connect/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    JsonNode token(@PathParam("realm") String realm, @FormParam("grant_type") String grantType,
                   @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret);

    @POST
    @Path("/admin/realms/{realm}/clients")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createClient(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, JsonNode client);

    @GET
    @Path("/admin/realms/{realm}/clients")
    JsonNode findClients(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm,
                         @QueryParam("clientId") String clientId);

    @GET
    @Path("/admin/realms/{realm}/clients/{id}/client-secret")
    JsonNode clientSecret(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("id") String id);

    @PUT
    @Path("/admin/realms/{realm}/clients/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateClient(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("id") String id,
                          JsonNode client);

    @DELETE
    @Path("/admin/realms/{realm}/clients/{id}")
    Response deleteClient(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("id") String id);
}
