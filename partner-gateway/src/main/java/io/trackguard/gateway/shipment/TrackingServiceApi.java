package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * tracking-service's partner API, called with the partner's own token so that tracking-service
 * derives the tenant itself. Only {@link TrackingServiceClient} uses it.
 */
@RegisterRestClient(configKey = "tracking-service")
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
interface TrackingServiceApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, JsonNode shipment);

    @GET
    @Path("/{trackingNumber}")
    Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("trackingNumber") String trackingNumber);

    @GET
    @Path("/{trackingNumber}/events")
    Response events(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("trackingNumber") String trackingNumber);

    @POST
    @Path("/{trackingNumber}/cancel")
    Response cancel(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("trackingNumber") String trackingNumber);

    @GET
    Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("reference") String reference,
                  @QueryParam("status") String status, @QueryParam("createdFrom") String createdFrom,
                  @QueryParam("createdTo") String createdTo, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);
}
